import xmlrpc.client
from xmlrpc.server import SimpleXMLRPCServer


def connect(url):
    return xmlrpc.client.ServerProxy(url)  # ok: SG515


def serve():
    return SimpleXMLRPCServer(("127.0.0.1", 8000))  # ok: SG515
