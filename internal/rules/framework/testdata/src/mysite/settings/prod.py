from .base import *
import os

DEBUG = env.bool("DJANGO_DEBUG", default=True)  # want: SG702
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "short-key")  # want: SG710
ALLOWED_HOSTS = ["blog.example.com", "*"]  # want: SG709
MIDDLEWARE += ["django.middleware.clickjacking.XFrameOptionsMiddleware"]  # ok: SG705
SECURE_SSL_REDIRECT = True  # ok: SG707
SESSION_COOKIE_SECURE = True  # ok: SG708
CSRF_COOKIE_SECURE = os.environ.get("CSRF_SECURE", "") == "1"  # ok: SG708
SESSION_SERIALIZER = "django.contrib.sessions.serializers.PickleSerializer"  # want: SG714
X_FRAME_OPTIONS = "SAMEORIGIN"  # ok: SG715
if os.environ.get("LEGACY_AUTH"):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # want: SG711
if os.environ.get("PUBLIC_API"):
    CORS_ALLOW_ALL_ORIGINS = True  # want: SG713
AUTH_PASSWORD_VALIDATORS = []  # want: SG712
DATABASES["replica"]["PASSWORD"] = os.environ["REPLICA_DB_PASSWORD"]  # ok: SG729
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000)  # ok: SG706
SECURE_HSTS_INCLUDE_SUBDOMAINS = True  # ok: SG724
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=False)  # want: SG725
if os.environ.get("LEGACY_BROWSERS"):
    SECURE_CONTENT_TYPE_NOSNIFF = False  # want: SG726
    SECURE_REFERRER_POLICY = "no-referrer-when-downgrade"  # want: SG727
else:
    SECURE_CONTENT_TYPE_NOSNIFF = True  # ok: SG726
    SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"  # ok: SG727
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-site"  # want: SG728
