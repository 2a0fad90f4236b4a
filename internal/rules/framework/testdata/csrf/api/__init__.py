from flask import Blueprint, request

orders = Blueprint("orders", __name__, url_prefix="/api/orders")


@orders.post("/")
def create():
    return {"id": request.json["id"]}
