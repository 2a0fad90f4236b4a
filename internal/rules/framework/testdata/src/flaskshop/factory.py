from flask import Flask

from flaskshop.config import DevelopmentConfig, StagingConfig


def make_app(config_class=StagingConfig):
    app = Flask(__name__)  # want: SG730
    app.config.from_object(config_class)
    return app


def make_dev_app(*, config_class=DevelopmentConfig):
    app = Flask(__name__)  # want: SG730
    app.config.from_object(config_class)
    return app
