"""PyYAML itself: its own loaders come in through a star import."""
from .loader import *


def load(stream, Loader):
    return Loader(stream).get_single_data()


def safe_load(stream):
    return load(stream, SafeLoader)  # ok: SG203
