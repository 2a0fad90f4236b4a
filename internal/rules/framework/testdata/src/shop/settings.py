DEBUG = True  # want: SG702
SECRET_KEY = "django-insecure-9x!k2m@q1w"  # want: SG703
ALLOWED_HOSTS = ["shop.example.com"]
INSTALLED_APPS = ["django.contrib.admin"]
