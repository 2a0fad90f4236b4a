"""A plain socket server, without socketserver."""
import socket
import subprocess


def serve(port):
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.bind(("127.0.0.1", port))
    srv.listen()
    conn, _ = srv.accept()
    command = conn.recv(256).decode()
    subprocess.run(command, shell=True)  # want: SG602
    subprocess.run(["/usr/bin/logger", command])  # ok: SG602
    buf = bytearray(256)
    conn.recv_into(buf)
    exec(bytes(buf))  # want: SG603
    stream = conn.makefile("r")
    expr = stream.readline()
    return eval(expr)  # want: SG603


def receive_job(sock):
    payload, addr = sock.recvfrom(1024)
    return run_job(payload.decode())  # want: SG602


def run_job(text):
    return subprocess.check_output(text, shell=True)
