import html


def bold(word):
    return "<b>" + html.escape(word) + "</b>"


def shout(word):
    return "<b>" + word.upper() + "</b>"


def escape_markup(text):
    out = ""
    for ch in text:
        if ch.isalnum() or ch in " .,-_":
            out += ch
        else:
            out += f"&#x{ord(ch):x};"
    return out


def escape_quotes(text):
    return text.replace("'", "\\\\'")
