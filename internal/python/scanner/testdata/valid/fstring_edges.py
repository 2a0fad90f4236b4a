# Replacement fields whose punctuation could be mistaken for f-string syntax.
a, b, c, x, y = {"b": 1}, "b", 5, 3, 4
not_equal = f"{x!=y}"
walrus_spec = f"{x:=5}"
walrus_parens = f"{(x:=5)}"
subscript_spec = f"{a['b']:{c}}"
slice_in_field = f"{[1, 2, 3][1:2]}"
lambda_colon = f"{(lambda q: q)(1)}"
dict_literal = f"{ {'k': 1}['k'] }"
set_literal = f"{ {1, 2} }"
conversion_spec = f"{x!r:^{c}}"
debug_spec = f"{x = !s:>{c}}"
nested_spec = f"{x:{'>' if x else '<'}{c}}"
triple_nested = f'''{f"""{f'{x}'}"""}'''
empty_literal_parts = f"{x}{y}{x}"
only_literal = f"plain"
empty = f""
doubled_in_spec = f"{x:{{}}>10}" if False else ""
escaped_quote = f"it\"s {x}"
multiline_field = f"{
    x
    +
    y
}"
backslash_continuation = f"{x}" \
    f"{y}"
tstring_like_name = t = 1
