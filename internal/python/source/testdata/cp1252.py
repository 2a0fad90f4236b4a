#!/usr/bin/env python
# vim: set fileencoding=cp1252 :
EURO = "€ 5"
QUOTES = "“quoted”"
