"""``cached``: compute an attribute on first access, then keep it in the instance.

Like functools.cached_property, without the per-access lock Python 3.11's version takes --
which made it the single biggest cost of reading the 4,000-module corpus.  A non-data
descriptor: after the first access the value in the instance ``__dict__`` shadows it.
"""

from __future__ import annotations

from typing import Any, Callable, Generic, TypeVar

T = TypeVar("T")


class cached(Generic[T]):  # noqa: N801 - used like @property
    def __init__(self, fn: Callable[[Any], T]):
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> T:
        if obj is None:
            return self  # type: ignore[return-value]
        value = self.fn(obj)
        obj.__dict__[self.name] = value
        return value
