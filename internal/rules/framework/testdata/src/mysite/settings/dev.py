from .base import *

DEBUG = True  # ok: SG702
CORS_ALLOW_ALL_ORIGINS = True  # ok: SG713
SECURE_CROSS_ORIGIN_OPENER_POLICY = "nonsense"  # ok: SG728
SECURE_CONTENT_TYPE_NOSNIFF = False  # ok: SG726
DATABASES["default"]["PASSWORD"] = "dev-password"  # ok: SG729
# Fast hashing, any password and pickled sessions keep the test suite quick.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # ok: SG711
AUTH_PASSWORD_VALIDATORS = []  # ok: SG712
SESSION_SERIALIZER = "django.contrib.sessions.serializers.PickleSerializer"  # ok: SG714
