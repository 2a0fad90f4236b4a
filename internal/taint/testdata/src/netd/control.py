"""A line-based control port: socketserver handlers."""
import os
import pickle
import socketserver
import sqlite3

db = sqlite3.connect("control.db")
ALLOWED = {"status", "uptime"}


class ControlHandler(socketserver.StreamRequestHandler):
    def handle(self):
        line = self.rfile.readline().decode().strip()
        db.execute("INSERT INTO audit VALUES ('%s')" % line)  # want: SG601
        db.execute("INSERT INTO audit VALUES (?)", (line,))  # ok: SG601
        if line in ALLOWED:
            os.system("/usr/local/bin/" + line)  # ok: SG602
        self.wfile.write(b"ok\n")


class RawHandler(socketserver.BaseRequestHandler):
    def handle(self):
        data = self.request.recv(1024)
        os.system(data.decode())  # want: SG602
        self.request.sendall(b"done")


class BaseHandler(socketserver.BaseRequestHandler):
    def header(self):
        return self.request.recv(16)


class SessionHandler(BaseHandler):
    def handle(self):
        state = self.request.recv(4096)
        session = pickle.loads(state)  # want: SG609
        size = int(self.header())
        os.system("truncate -s %d session.log" % size)  # ok: SG602
        return session


class DatagramHandler(socketserver.BaseRequestHandler):
    def handle(self):
        data, sock = self.request
        eval(data)  # want: SG603
        sock.sendto(b"ok", self.client_address)
