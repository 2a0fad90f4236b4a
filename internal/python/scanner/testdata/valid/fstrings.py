# Formatted string literals in the forms PEP 701 allows.
name, width, precision, items, value = "x", 10, 3, [1, 2], 3.14159

simple = f"hello {name}"
conversions = f"{name!r} {name!s} {name!a}"
specs = f"{value:.2f} {value:>{width}} {value:{width}.{precision}f} {value:{'<'}10}"
debug = f"{name=} {value = :.3} {items[0]=!r}"
braces = f"{{literal}} {{{name}}} }}{{"
nested_quotes = f"{f"{f"{name}"}"}"
nested_mixed = f'{", ".join(f"{i:02d}" for i in items)}'
dict_access = f"{ {'a': 1}['a'] } {items[-1]}"
lambda_in = f"{(lambda x: x * 2)(value)}"
walrus = f"{(y := 10)} {y}"
conditional = f"{'yes' if value > 1 else 'no'}"
escapes = f"tab\there\nnewline \x41 \u00e9 \N{GREEK SMALL LETTER ALPHA} {name}"
raw = rf"\d+{name}\w" fr'{name}\n' Rf"{name}" fR'{{{name}}}'
bytes_like = f"{b'abc'!r}"
multi = f"""
    {name}
    {value:
    >10}
    {
        items  # comment
    }
"""
multi_single = f'''{name
}'''
empty_spec = f"{name:}"
backslash_in_expr = f"{'\n'.join(items.__class__.__name__)}"
format_spec_nested = f"{value:{width}{'.'}{precision}}"
concat = f"a" "b" f"{name}" 'c'
upper = F"{name}" FR"{name}"
star = f"{[*items, *items]}"
number_spec = f"{1_000_000:,} {255:#x} {255:08b}"
datetime_like = f"{value:%Y-%m-%d}"
unicode_text = f"naïve café {name} ☃"
