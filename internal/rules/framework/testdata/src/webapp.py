import os
from flask import Flask
from flask_cors import CORS
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = Flask(__name__)
app.secret_key = "flask-dev-key"  # want: SG703
app.config["SECRET_KEY"] = "another-literal"  # want: SG703
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]  # ok: SG703
CORS(app, supports_credentials=True)  # want: SG704
CORS(app, origins=["https://shop.example.com"], supports_credentials=True)  # ok: SG704

api = FastAPI()
api.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)  # want: SG704
api.add_middleware(CORSMiddleware, allow_origins=["*"])  # ok: SG704
api.add_middleware(CORSMiddleware, allow_origin_regex=".*", allow_credentials=True)  # want: SG704

if __name__ == "__main__":
    app.run(debug=True)  # want: SG701
    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")  # ok: SG701
