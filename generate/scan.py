"""Scanned versions of PDFs: each page rasterised, degraded like a paper scan, and wrapped in an image-only PDF.

A scan is made the way an office makes one: the page printed and fed through a scanner. Here the page is
rendered at 150–200 dpi by poppler's ``pdftoppm``, turned by up to a degree, given sensor noise, a slight
blur, a red seal stamped over part of the table on the table pages, and JPEG compression; the pages are
written as a PDF with no text layer (Pillow). The parameters are drawn from a seeded generator, so the same
seed gives the same file; the expected values are those of the source PDF (the scan changes no number).
"""

from __future__ import annotations

import math
import random
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from ogi.schemas import MissingDependency, UnreadableFile


@dataclass(frozen=True)
class ScanStyle:
    """How one scan is degraded."""

    dpi: int = 170
    skew: float = 0.5          # degrees, positive turns counter-clockwise
    noise: float = 8.0         # standard deviation of the grey-level noise
    blur: float = 0.6          # Gaussian blur radius in pixels
    jpeg_quality: int = 70
    seal: bool = True          # a red seal over part of the first table page

    @classmethod
    def draw(cls, rng: random.Random) -> ScanStyle:
        """A random style within the issue's ranges: 150–200 dpi, skew up to 1°, noise, blur, JPEG."""
        return cls(dpi=rng.choice((150, 170, 200)), skew=round(rng.uniform(-1.0, 1.0), 2),
                   noise=round(rng.uniform(4.0, 12.0), 1), blur=round(rng.uniform(0.3, 0.9), 2),
                   jpeg_quality=rng.randint(55, 85), seal=True)


def _render(pdf: Path, dpi: int, work: Path, pages: tuple[int, int] | None) -> list[Path]:
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise MissingDependency("pdftoppm", "poppler-utils is needed to render scans (apt-get install poppler-utils)")
    span = ["-f", str(pages[0]), "-l", str(pages[1])] if pages else []
    done = subprocess.run([exe, "-r", str(dpi), "-gray", "-png", *span, str(pdf), str(work / "p")],
                          capture_output=True, timeout=300)
    if done.returncode != 0:
        raise UnreadableFile(str(pdf), f"pdftoppm failed: {done.stderr.decode(errors='replace').strip()}")
    return sorted(work.glob("p-*.png"))


def _seal(img: Image.Image, rng: random.Random, dpi: int) -> Image.Image:
    """A red round seal (ring, star, text arc stand-in) stamped semi-transparently on the lower table area."""
    rgb = img.convert("RGB")
    layer = Image.new("RGBA", rgb.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    radius = int(dpi * 0.75)
    cx = int(rgb.width * rng.uniform(0.55, 0.8))
    cy = int(rgb.height * rng.uniform(0.5, 0.8))
    red = (220, 30, 30, 150)
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=red, width=max(3, dpi // 30))
    star = [(cx + radius * 0.3 * math.cos(math.pi / 2 + k * 4 * math.pi / 5),
             cy - radius * 0.3 * math.sin(math.pi / 2 + k * 4 * math.pi / 5)) for k in range(5)]
    draw.polygon(star, fill=red)
    for k in range(14):  # ticks standing in for the seal's curved text
        a = math.pi * (0.15 + 0.7 * k / 13)
        r0, r1 = radius * 0.62, radius * 0.85
        draw.line((cx - r0 * math.cos(a), cy - r0 * math.sin(a), cx - r1 * math.cos(a), cy - r1 * math.sin(a)),
                  fill=red, width=max(2, dpi // 40))
    return Image.alpha_composite(rgb.convert("RGBA"), layer).convert("RGB")


def degrade(img: Image.Image, style: ScanStyle, rng: random.Random, seal: bool) -> Image.Image:
    """Skew, seal, blur and noise one rendered page (JPEG comes when the PDF is written)."""
    page = _seal(img, rng, style.dpi) if seal else img.convert("RGB")
    page = page.rotate(style.skew, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=(255, 255, 255))
    page = page.filter(ImageFilter.GaussianBlur(style.blur))
    arr = np.asarray(page, dtype=np.float32)
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0.0, style.noise, arr.shape[:2])[..., None]
    return Image.fromarray(np.clip(arr + noise, 0, 255).astype(np.uint8))


def _is_table_page(img: Image.Image) -> bool:
    """Dark pixels in long horizontal runs: the page holds a ruled table (where the seal goes)."""
    arr = np.asarray(img.convert("L")) < 128
    return bool((arr.mean(axis=1) > 0.5).sum() >= 5)


def scan_pdf(source: Path, out: Path, style: ScanStyle, seed: int = 0, pages: tuple[int, int] | None = None) -> Path:
    """Write an image-only scanned version of ``source`` (or of its pages ``first, last``) to ``out``."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="ogi-scan-") as tmp:
        rendered = _render(source, style.dpi, Path(tmp), pages)
        if not rendered:
            raise UnreadableFile(str(source), "pdftoppm rendered no page")
        images: list[Image.Image] = []
        sealed = False
        for path in rendered:
            with Image.open(path) as raw:
                page = raw.copy()
            stamp = style.seal and not sealed and _is_table_page(page)
            sealed = sealed or stamp
            degraded = degrade(page, style, rng, stamp)
            jpeg = Path(tmp) / f"{path.stem}.jpg"
            degraded.save(jpeg, "JPEG", quality=style.jpeg_quality)
            images.append(Image.open(jpeg))
        out.parent.mkdir(parents=True, exist_ok=True)
        images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=float(style.dpi))
        for image in images:
            image.close()
    return out


EXPECTED = ".expected.json"


def scan_set(sources: list[Path], out_dir: Path, seed: int = 1) -> list[Path]:
    """Scan every PDF in ``sources`` that has an expected file, as ``<stem>.scan.pdf`` beside a copy of it.

    Each file gets its own style drawn from ``seed`` (150–200 dpi, skew up to 1°, noise, blur, JPEG, seal);
    the expected values are the source's, since scanning changes no printed number.
    """
    rng = random.Random(seed)
    made = []
    for source in sorted(sources):
        expected = source.with_name(source.name + EXPECTED)
        if source.suffix.lower() != ".pdf" or not expected.exists():
            continue
        out = out_dir / f"{source.stem}.scan.pdf"
        scan_pdf(source, out, ScanStyle.draw(rng), seed=rng.randrange(2**31))
        shutil.copyfile(expected, out.with_name(out.name + EXPECTED))
        made.append(out)
    return made


def main(argv: list[str] | None = None) -> None:
    """``python -m ogi.generate.scan OUT_DIR PDF...``: scanned versions for ``ogi bench OUT_DIR``."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2:
        raise SystemExit("usage: python -m ogi.generate.scan OUT_DIR PDF...")
    for path in scan_set([Path(a) for a in args[1:]], Path(args[0])):
        print(path)


if __name__ == "__main__":
    main()
