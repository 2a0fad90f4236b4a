# -*- coding: latin-1 -*-
"""Module with a Latin-1 cookie."""
GREETING = "Grüß Gott, café"
