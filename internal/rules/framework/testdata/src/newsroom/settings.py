"""A newsroom site behind a proxy that does not add HSTS either."""
import os

SECRET_KEY = os.environ["NEWSROOM_SECRET_KEY"]  # want: SG706 (SECURE_HSTS_SECONDS is not set anywhere)
DEBUG = False
ALLOWED_HOSTS = ["news.example.com"]
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions", "newsroom"]
MIDDLEWARE = [  # ok: SG705
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = False  # want: SG708
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = False  # want: SG708
