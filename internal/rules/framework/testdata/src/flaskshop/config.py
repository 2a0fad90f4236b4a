import os


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY") or "shop-fallback-secret"  # want: SG703
    SESSION_COOKIE_HTTPONLY = True  # ok: SG721
    SESSION_COOKIE_SECURE = False  # want: SG721
    REMEMBER_COOKIE_SAMESITE = "None"  # ok: SG721 (the deployed subclasses replace it)
    DEBUG = False  # ok: SG701
    WTF_CSRF_ENABLED = True  # ok: SG736


class ProductionConfig(Config):
    REMEMBER_COOKIE_SAMESITE = "Lax"  # ok: SG721
    DEBUG = os.environ.get("SHOP_DEBUG", True)  # want: SG701
    WTF_CSRF_SECRET_KEY = os.environ["WTF_CSRF_SECRET_KEY"]  # ok: SG703


class DevelopmentConfig(Config):
    DEBUG = True  # ok: SG701
    SECRET_KEY = "dev"  # ok: SG703
    WTF_CSRF_ENABLED = False  # ok: SG736 (a development class)


class UnusedConfig:
    SESSION_COOKIE_SECURE = False  # ok: SG721


class StagingConfig(Config):
    SESSION_COOKIE_SAMESITE = "None"  # want: SG721
    REMEMBER_COOKIE_SAMESITE = "Strict"  # ok: SG721
    WTF_CSRF_ENABLED = os.environ.get("CSRF", False)  # want: SG736
