import aiohttp_jinja2
from aiohttp import web
from jinja2 import FileSystemLoader


def make_app():
    app = web.Application()
    aiohttp_jinja2.setup(app, loader=FileSystemLoader("pages"), autoescape=False)  # want: SG108
    return app


def make_safe_app():
    app = web.Application()
    aiohttp_jinja2.setup(app, loader=FileSystemLoader("pages"))  # ok: SG108
    aiohttp_jinja2.setup(app, loader=FileSystemLoader("pages"), autoescape=True)  # ok: SG108
    return app
