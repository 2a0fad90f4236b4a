"""A file server on http.server."""
import http.server
import os
import urllib.parse

ROOT = "/srv/public"


class FileHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        query = urllib.parse.urlparse(self.path).query
        name = urllib.parse.parse_qs(query).get("name", [""])[0]
        with open(os.path.join(ROOT, name), "rb") as f:  # want: SG605
            body = f.read()
        with open(os.path.join(ROOT, os.path.basename(name)), "rb") as f:  # ok: SG605
            body += f.read()
        self.send_response(200)
        self.end_headers()
        self.wfile.write(body)


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        path = self.translate_path(self.path)
        with open(path, "rb") as f:  # ok: SG605
            self.wfile.write(f.read())
        with open(self.path[1:], "rb") as f:  # want: SG605
            self.wfile.write(f.read())


class RedirectHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(302)
        self.send_header("Location", "https://new.example.com" + self.path)  # want: SG615
        self.send_header("Content-Type", "text/html")  # ok: SG615
        self.end_headers()
        self.wfile.write(("<a href='%s'>moved</a>" % self.path).encode())  # want: SG607
        self.wfile.write(b"<p>moved</p>")  # ok: SG607
