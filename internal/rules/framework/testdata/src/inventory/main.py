import os

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.applications import Starlette

app = FastAPI(title="inventory", debug=True)  # want: SG731, SG732
app.add_middleware(CORSMiddleware, allow_origin_regex="^.*$", allow_credentials=True)  # want: SG704
app.add_middleware(CORSMiddleware, allow_origin_regex=r"https://.*\.example\.com", allow_credentials=True)  # ok: SG704

admin = Starlette(debug=os.environ.get("ADMIN_DEBUG") == "1")  # ok: SG731  # want: SG732
admin.debug = True  # want: SG731


@app.get("/items")
def items():
    return []


public = FastAPI()  # want: SG732
public.add_middleware(CORSMiddleware, allow_origin_regex="https://.+", allow_credentials=True)  # want: SG704
