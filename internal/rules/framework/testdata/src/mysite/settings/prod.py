from .base import *  # want: SG706
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
