# An API service: no sessions, no CSRF middleware (token authentication).
import os

SECRET_KEY = os.environ["API_SECRET_KEY"]  # ok: SG708
ALLOWED_HOSTS = ["api.example.com"]
PASSWORD_HASHERS = ["apisite.hashers.PepperedArgon2PasswordHasher"]  # ok: SG711
AUTH_PASSWORD_VALIDATORS = [{"NAME": "apisite.validators.BreachedPasswordValidator"}]  # ok: SG712
SESSION_SERIALIZER = "apisite.sessions.SignedJSONSerializer"  # ok: SG714
INSTALLED_APPS = ["django.contrib.contenttypes", "rest_framework", "apisite"]
MIDDLEWARE = [  # want: SG705
    "django.middleware.common.CommonMiddleware",
]
SECURE_SSL_REDIRECT = False  # ok: SG707 (no SecurityMiddleware: SG705 reports that instead)
