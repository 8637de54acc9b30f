"""ogi: Chinese open-government-information annual reports as clean data.

    >>> import ogi
    >>> report = ogi.extract("samples/real/r14_sh_szfbgt_2019.html")   # doctest: +SKIP
    >>> report.value("requests/granted/total")                        # doctest: +SKIP
"""

from ogi.api import cells_frame, extract, findings_frame

__all__ = ["cells_frame", "extract", "findings_frame"]
