import os
import numpy as np
from flask import Flask
import helpers
try:
    import ujson
except ImportError:
    ujson = None
