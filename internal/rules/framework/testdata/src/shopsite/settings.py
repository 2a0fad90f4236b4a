"""Settings for the shop, one module for every environment."""
import os
from pathlib import Path

import dj_database_url
import environ

env = environ.Env()  # want: SG724
BASE_DIR = Path(__file__).resolve().parent.parent

if os.environ.get("SHOP_ENV") == "production":
    DEBUG = False  # ok: SG702
    SECURE_SSL_REDIRECT = True  # ok: SG707
else:
    DEBUG = True  # want: SG702
    SECURE_SSL_REDIRECT = False  # want: SG707

SECRET_KEY = os.environ["SHOP_SECRET_KEY"]  # ok: SG710
SECRET_KEY_FALLBACKS = [os.environ["SHOP_OLD_KEY"], "rotated-2023"]  # want: SG710
ALLOWED_HOSTS = env.list("SHOP_HOSTS", default=["shop.example.com"])  # ok: SG709
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions", "shopsite"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
SESSION_COOKIE_SECURE = True  # ok: SG708
PASSWORD_HASHERS = [  # ok: SG711 (MD5 is kept last, to verify and upgrade old hashes)
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.MD5PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [  # ok: SG712
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
SESSION_SERIALIZER = "django.contrib.sessions.serializers.JSONSerializer"  # ok: SG714
CSRF_USE_SESSIONS = True  # ok: SG708 (the CSRF token lives in the session, no CSRF cookie)
SECURE_HSTS_SECONDS = 3600  # ok: SG706
SECURE_HSTS_PRELOAD = True  # ok: SG725
SECURE_CONTENT_TYPE_NOSNIFF = env.bool("SHOP_NOSNIFF", default=False)  # want: SG726
SECURE_REFERRER_POLICY = None  # want: SG727
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin-allow-popups"  # ok: SG728
DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://shop:s3cret@localhost/shop"),  # want: SG729
    "reports": dj_database_url.parse("postgres://reports@db/reports"),  # ok: SG729
}
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "shopsite" / "layouts"],
    }
]
if not DEBUG:
    X_FRAME_OPTIONS = "ALLOWALL"  # want: SG715 (DEBUG differs between the arms above: both ways are judged)
USE_S3 = False
if USE_S3:
    SESSION_COOKIE_SECURE = False  # ok: SG708 (USE_S3 is False: this arm never runs)
if SECURE_HSTS_PRELOAD:
    CORS_ALLOW_ALL_ORIGINS = True  # want: SG713
