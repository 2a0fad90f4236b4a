import os  # ok: SG907
import numpy as np  # want: SG907
from flask import Flask  # ok: SG907
import helpers  # ok: SG907
import yaml  # ok: SG907 (declared as PyYAML)
from dateutil import parser  # ok: SG907 (declared as python-dateutil)
from . import helpers as local_helpers  # ok: SG907
try:
    import ujson  # ok: SG907 (optional: the ImportError is handled)
except ImportError:
    ujson = None
import importlib.metadata  # ok: SG907
