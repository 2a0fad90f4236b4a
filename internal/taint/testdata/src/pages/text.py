import html


def bold(word):
    return "<b>" + html.escape(word) + "</b>"


def shout(word):
    return "<b>" + word.upper() + "</b>"
