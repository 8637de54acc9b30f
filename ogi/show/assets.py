"""The review pages' stylesheet and script, inlined into every page (a page must work alone, offline)."""

REVIEW_CSS = """
body{font:14px/1.45 system-ui,"Noto Sans CJK SC",sans-serif;margin:0;color:#222;background:#fafafa}
header{padding:12px 20px;background:#fff;border-bottom:1px solid #ddd}
h1{font-size:20px;margin:0 0 4px} h2{font-size:16px;margin:8px 0} h2 small{font-weight:normal;color:#666}
main{padding:0 20px 40px} .legend{color:#666;font-size:12px;margin:4px 0 0}
#findings{padding-left:24px}
#findings li{margin:3px 0;padding:3px 6px;border-left:4px solid #bbb;cursor:pointer}
#findings li.error{border-color:#c62828}
#findings li.warning{border-color:#ef8f00} #findings li.info{border-color:#90a4ae}
#findings li.cur{background:#fff3c4;outline:2px solid #f5b400}
.sev{font-size:11px;color:#666} .scope{color:#555;font-family:monospace}
.pair{display:flex;gap:16px;align-items:flex-start} .left{flex:1 1 55%;overflow:auto}
.right{flex:1 1 45%;position:sticky;top:0;max-height:100vh;overflow:auto}
table.view,table.src{border-collapse:collapse;background:#fff;font-size:13px}
table.view th,table.view td,table.src td{border:1px solid #ccc;padding:2px 6px}
table.view td.v{text-align:right;cursor:pointer;font-variant-numeric:tabular-nums}
table.view th.rl{text-align:left;font-weight:normal;max-width:28em}
td.flagged{background:#ffd6d6;color:#9b0000;font-weight:bold} td.blank{color:#999;background:#f3f3f3}
td.blank.flagged{background:#ffe9c2;color:#8a5a00} td.low_confidence{box-shadow:inset 0 0 0 2px #f5b400}
td.culprit{background:#c62828;color:#fff}
td.sel{outline:3px solid #1565c0;outline-offset:-2px} td.na{background:#eee}
.raw{display:block;font-size:10px;color:#777}
figure.page{margin:0 0 12px;border:1px solid #ccc;background:#fff}
figure.page .sheet{position:relative} figure.page img{display:block;width:100%}
figure.page figcaption{font-size:11px;color:#666;padding:2px 6px}
.box{position:absolute;display:none;border:3px solid #1565c0;background:rgba(21,101,192,.15);pointer-events:none}
.box.on{display:block} table.src td.srcsel{outline:3px solid #1565c0;background:#dbe9ff}
.missing{color:#c62828;font-weight:bold} .nosrc{color:#666}
"""

REVIEW_JS = r"""
(function(){
  "use strict";
  function pageFig(td){
    var sec=td.closest("section"); if(!sec) return null;
    return sec.querySelector('figure.page[data-page="'+td.dataset.page+'"]');
  }
  function clear(){
    document.querySelectorAll("td.sel").forEach(function(e){e.classList.remove("sel");});
    document.querySelectorAll("td.srcsel").forEach(function(e){e.classList.remove("srcsel");});
    document.querySelectorAll(".box.on").forEach(function(e){e.classList.remove("on");});
  }
  function outline(td, keep){
    if(!keep) clear();
    td.classList.add("sel");
    if(td.dataset.bbox){
      var fig=pageFig(td); if(!fig) return;
      var b=td.dataset.bbox.split(",").map(Number), w=+fig.dataset.w, h=+fig.dataset.h, box=fig.querySelector(".box");
      box.style.left=(100*b[0]/w)+"%"; box.style.top=(100*b[1]/h)+"%";
      box.style.width=(100*(b[2]-b[0])/w)+"%"; box.style.height=(100*(b[3]-b[1])/h)+"%";
      box.dataset.key=td.dataset.key; box.classList.add("on");
      if(!keep) box.scrollIntoView({block:"nearest"});
    } else if(td.dataset.src){
      var s=document.getElementById(td.dataset.src);
      if(s){ s.classList.add("srcsel"); if(!keep) s.scrollIntoView({block:"nearest"}); }
    }
  }
  document.querySelectorAll("td.v").forEach(function(td){
    td.addEventListener("click",function(){outline(td,false);});
    td.addEventListener("mouseenter",function(){outline(td,false);});
    td.addEventListener("focus",function(){outline(td,false);});
  });
  var items=Array.prototype.slice.call(document.querySelectorAll("#findings li")), cur=-1;
  function go(i){
    if(!items.length) return;
    cur=(i+items.length)%items.length;
    items.forEach(function(e){e.classList.remove("cur");});
    var li=items[cur]; li.classList.add("cur"); li.focus({preventScroll:true});
    clear();
    var first=null;
    (li.dataset.cells||"").split(" ").forEach(function(k){
      if(!k) return;
      var td=document.querySelector('td.v[data-key="'+k+'"]');
      if(td){ outline(td,true); first=first||td; }
    });
    (first||li).scrollIntoView({block:"center"});
  }
  items.forEach(function(li,i){ li.addEventListener("click",function(){go(i);}); });
  document.addEventListener("keydown",function(ev){
    if(ev.altKey||ev.ctrlKey||ev.metaKey) return;
    if(ev.key==="j"||ev.key==="n"){ ev.preventDefault(); go(cur+1); }
    else if(ev.key==="k"||ev.key==="p"){ ev.preventDefault(); go(cur-1); }
  });
})();
"""
