"""Order storage on MongoDB, behind a repository class."""
from pymongo import MongoClient


class OrderRepository:
    def __init__(self, uri):
        self.coll = MongoClient(uri).market.orders_coll

    def find(self, query):
        return list(self.coll.find(query))

    def by_customer(self, customer):
        return self.find({"customer": str(customer)})

    def matching(self, criteria):
        return self.find({"customer": criteria})


def raw_orders(db, query):
    return db.orders.find_one(query)
