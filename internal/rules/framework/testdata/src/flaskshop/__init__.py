import os

from flask import Flask
from flask_login import LoginManager

login_manager = LoginManager()


def create_app():
    app = Flask(__name__, template_folder="ui/pages")  # want: SG730
    app.config.from_object("flaskshop.config.ProductionConfig")
    app.config.from_pyfile("settings_extra.py")
    app.config.update({"SESSION_COOKIE_SAMESITE": "None"})  # want: SG721
    app.config.from_mapping(JWT_SECRET_KEY="jwt-signing-key")  # want: SG703
    app.config.update(dict(SECRET_KEY=os.environ["SECRET_KEY"]))  # ok: SG703
    app.debug = True  # want: SG701
    login_manager.init_app(app)
    return app


os.environ["FLASK_DEBUG"] = "1"  # want: SG701
os.environ.setdefault("FLASK_ENV", "development")  # want: SG701
os.environ["FLASK_DEBUG"] = "0"  # ok: SG701
