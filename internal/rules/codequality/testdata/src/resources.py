import socket
import sqlite3
import zipfile


def leak(path, host):
    f = open(path)  # want: SG822
    data = f.read()
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # want: SG822
    s.connect_ex((host, 80))
    db = sqlite3.connect(path)  # want: SG822
    rows = db.execute("SELECT 1").fetchall()
    return data, rows


def closed(path):
    f = open(path)  # ok: SG822
    try:
        return f.read()
    finally:
        f.close()


def handed_on(path, sink):
    f = open(path)  # ok: SG822
    sink(f)
    g = open(path)  # ok: SG822
    return g


def in_with(path):
    f = open(path)  # ok: SG822
    with f:
        return f.read()


def wrapped(path):
    raw = open(path, "rb")  # ok: SG822
    try:
        archive = zipfile.ZipFile(raw)  # ok: SG822
        return archive.namelist()
    finally:
        raw.close()


def lines(path):
    f = open(path)  # ok: SG822
    for line in f:
        yield line


class Holder:
    def start(self, path):
        self.f = open(path)  # ok: SG822
