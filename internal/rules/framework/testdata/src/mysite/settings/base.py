import environ

env = environ.Env()

DEBUG = True  # ok: SG702
SECRET_KEY = "django-insecure-base-key-for-development-only-x7!"  # ok: SG710
ALLOWED_HOSTS = []
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions", "corsheaders", "mysite.blog"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
SESSION_COOKIE_SECURE = False
SECURE_HSTS_INCLUDE_SUBDOMAINS = False  # ok: SG724
SECURE_REFERRER_POLICY = "unsafe-url"  # ok: SG727
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "blog",
        "USER": "blog",
        "PASSWORD": "blog-db-pass",  # want: SG729
        "HOST": "db",
    },
    "replica": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "blog",
        "PASSWORD": "replica-pass",  # ok: SG729
    },
    "analytics": {
        "ENGINE": "django.db.backends.postgresql",
        "PASSWORD": env("ANALYTICS_DB_PASSWORD", default="analytics"),  # want: SG729
    },
    "cache": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": "cache.sqlite3",
        "PASSWORD": "",  # ok: SG729
    },
}
