from fastapi import FastAPI

test_app = FastAPI()  # ok: SG732
