import os
from flask import Flask
from flask_cors import CORS
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = Flask(__name__)  # want: SG730
app.secret_key = "flask-dev-key"  # want: SG703
app.config["SECRET_KEY"] = "another-literal"  # want: SG703
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]  # ok: SG703
CORS(app, supports_credentials=True)  # want: SG704
CORS(app, origins=["https://shop.example.com"], supports_credentials=True)  # ok: SG704

api = FastAPI()  # want: SG732
api.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)  # want: SG704
api.add_middleware(CORSMiddleware, allow_origins=["*"])  # ok: SG704
api.add_middleware(CORSMiddleware, allow_origin_regex=".*", allow_credentials=True)  # want: SG704

if __name__ == "__main__":
    app.run(debug=True)  # want: SG701
    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")  # ok: SG701


import jwt
from starlette.middleware.sessions import SessionMiddleware

app.config["SESSION_COOKIE_SECURE"] = False  # want: SG721
app.config.update(SESSION_COOKIE_SAMESITE="None")  # want: SG721
app.config["SESSION_COOKIE_HTTPONLY"] = True  # ok: SG721
app.config["WTF_CSRF_ENABLED"] = False  # want: SG736
app.config["WTF_CSRF_ENABLED"] = True  # ok: SG736
app.config.update(WTF_CSRF_ENABLED=False, SESSION_COOKIE_SECURE=True)  # want: SG736
app.config.update(TESTING=True, WTF_CSRF_ENABLED=False)  # ok: SG736
app.config.from_mapping({"WTF_CSRF_ENABLED": 0, "TESTING": False})  # want: SG736
app.config["WTF_CSRF_CHECK_DEFAULT"] = False  # ok: SG736 (views opt in with csrf.protect())
api.add_middleware(SessionMiddleware, secret_key="hardcoded-session-key")  # want: SG722
api.add_middleware(SessionMiddleware, secret_key=os.environ["S"])  # ok: SG722


def user(token, key):
    jwt.decode(token, options={"verify_signature": False})  # want: SG720
    jwt.decode(token, key, algorithms=["none"])  # want: SG720
    jwt.encode({"sub": "svc"}, None, algorithm="none")  # want: SG720
    jwt.encode({"sub": "svc"}, key, algorithm="HS256")  # ok: SG720
    return jwt.decode(token, key, algorithms=["HS256"])  # ok: SG720
