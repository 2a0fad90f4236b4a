# -*- coding: utf-8 -*-
"""A module that uses most of the lexical forms of Python 3.13."""

from __future__ import annotations

import os, sys  # two imports on one line
from typing import (
    Any,
    Callable,
)

CONSTANTS = [0, 0x_ff, 0o17, 0b1010, 1_000_000, 3.14, .5, 5., 1e10, 2.5E-3, 7j, 1.5J, 0_0]
GREEK = "αβγ"
BYTES = b"\x00\xff" rb"\d" Rb'\w'
RAW = r"C:\path" R'\n'
JOINED = ("implicit " 'concatenation '
          """across lines""")
TRIPLE = '''one
two "quoted" and 'single'
three'''


def décorateur(fn: Callable[..., Any]) -> Callable[..., Any]:
    return fn


@décorateur
async def fetch(url: str, /, *, timeout: float = 1.0, **extra) -> dict[str, Any]:
    async with session() as s, other() as o:
        async for chunk in s.stream(url):
            await o.write(chunk)
    return {"url": url, **extra}


class Point[T: (int, float) = int]:
    x: T
    y: T

    def __matmul__(self, other: Point[T]) -> T:
        return self.x * other.x + self.y * other.y

    def describe(self, width=10, precision=3):
        name = type(self).__name__
        return (
            f"{name}({self.x!r:>{width}.{precision}}, {self.y=}) "
            f'{"nested " + f"{self.x}"} {{literal braces}} '
            f"""{
                self.x  # a comment inside a replacement field
                + self.y
            }"""
            rf"\d{width}\{{" F"{width:#x}" f"\N{BULLET} {name}"
        )


type Pair[K, V] = tuple[K, V]


def matcher(command):
    match command.split():
        case [action]:
            return action
        case ["go", direction] if direction in {"n", "s"}:
            return direction
        case {"kind": kind, **rest}:
            return kind, rest
        case Point(x=0) | None:
            return 0
        case _:
            return None


def operators(a, b):
    a += b; a -= b; a *= b; a /= b; a //= b; a %= b; a **= b
    a @= b; a &= b; a |= b; a ^= b; a >>= b; a <<= b
    if (n := len(a)) >= 10 and a != b or not a <= b:
        return ~a ^ b & a | b << 2 >> 1
    lam = lambda *args, **kw: ...
    return lam, a[1:2, ::3], a[...]


try:
    pass
except* (ValueError, TypeError) as group:
    raise RuntimeError("bad") from group
finally:
    del CONSTANTS[0]

if sys.platform == "win32":
	value = 1  # indented with a tab
else:
        value = 2

total = 1 + \
    2 + \
    3
global_list = [
    1,

    2,  # comment between elements
]
