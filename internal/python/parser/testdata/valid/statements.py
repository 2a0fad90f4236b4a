# Statements of every kind, with positions checked against CPython 3.13.
import os, os.path as osp
from . import sibling
from ..pkg.mod import (a as b, c,)
from __future__ import annotations

x: int = 1
(y): str
obj.attr: list[int]
a = b = c = 1, 2
a, *rest = [1, 2, 3]
count += 1; total //= 2;
del a[0], b.c, (d, e)
global g
assert x, "message"
raise ValueError("bad") from None


@decorator
@other.deco(arg)
async def fetch[T: int, *Ts, **P](a, /, b: int = 2, *args: *Ts, c, d=4, **kw) -> T:
    async with session() as s, lock:
        async for item in s:
            await item
    nonlocal_value = lambda q, *, r=1: q + r
    return (yield from gen())


class Point[T = int](Base, metaclass=Meta):
    """Docstring."""
    def __init__(self, x=0) -> None: self.x = x; return


try:
    pass
except (TypeError, ValueError) as err:
    raise
except Exception:
    pass
else:
    pass
finally:
    pass

try:
    pass
except* OSError as group:
    pass

with (open("a") as f, open("b") as g):
    pass

while not done:
    if x > 1: break
    elif x < -1:
        continue
    else:
        pass
else:
    pass

for i, (j, k) in enumerate(pairs):
    pass
else:
    pass

match command.split():
    case [action]:
        pass
    case ["go", direction] | ["move", direction] if direction:
        pass
    case Point(x=0, y=0) | {"key": value, **rest}:
        pass
    case [1, -2, 3.5, 1 + 2j, "s", None, True, *others]:
        pass
    case Color.RED as c:
        pass
    case _:
        pass

type Alias[K] = dict[K, list[K]]
type = 5
match = {"a": 1}
print(match["a"], type)
