from .base import *

DEBUG = True  # ok: SG702
CORS_ALLOW_ALL_ORIGINS = True  # ok: SG713
