"""Memoising the pure text functions of normalize.

Labels, headings and value cells repeat across the rows, the candidates and the reports of a run
(``总计`` is normalised for every row it is compared with), so their answers are kept: a bounded
cache per function, for short texts only (a long paragraph is computed each time and never held).
The cached functions are pure and return immutable values, so the cache changes no result.

The cache is a plain dictionary looked up before anything else (a hit costs one look-up, no key
tuple for a one-argument call); when it is full the oldest answer goes first.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

CACHE_SIZE = 1 << 16  # entries per function; the oldest go first
CACHED_LENGTH = 256  # characters of the first argument, at most

F = TypeVar("F", bound=Callable[..., Any])


def text_cache(fn: F) -> F:
    """``fn`` whose answers for a short first (text) argument are kept; its other arguments (positional)
    must be hashable."""
    answers: OrderedDict[Any, Any] = OrderedDict()

    @wraps(fn)
    def call(text: str, *args: Any) -> Any:
        key = (text, *args) if args else text
        try:
            return answers[key]
        except KeyError:
            pass
        answer = fn(text, *args)
        if len(text) <= CACHED_LENGTH:
            if len(answers) >= CACHE_SIZE:
                answers.popitem(last=False)
            answers[key] = answer
        return answer

    return cast(F, call)
