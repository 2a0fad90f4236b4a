# Expressions, literals and f-strings.
values = [
    1_000_000, 0x_FF, 0o17, 0b1010, 1.5e-3, 10j, 1e400, 3.14_15, 0.0, 00,
    "text" 'more' """triple""", b"bytes\x00\xff", rb"\d+", u"unicode", "\N{BULLET}\u00e9\U0001F600\t\x41\101",
    f"plain {name!r:>{width}} {value:.2f} {{literal}} {x = } {y=!s}",
    f"{'nested' + f'{inner}'}" "tail", f"""multi
    {line}""",
    not a, -b, +c, ~d, a ** -b, a // b % c @ d, a << 1 >> 2 & 3 ^ 4 | 5,
    a if b else c, a and b or c and not d, 1 < x <= 2 != y is not None, k not in s,
    lambda: 0, lambda *a, **k: (a, k), (n := 10), obj.method(1, *args, key=2, **kw),
    seq[1:2], seq[::2], seq[a:b, c], seq[...], seq[x := 1], matrix[1, 2:3],
    [i for i in range(3) if i if i > 0], {k: v for k, v in items}, {s for s in set_},
    (g for g in gen), {**base, "k": 1}, {1, 2, *more}, (), (1,), [*a, *b],
    await_ish, f(x for x in y), f((x for x in y), 1), ...,
]


async def coroutine():
    return [await z async for z in aiter() if await check(z)]
