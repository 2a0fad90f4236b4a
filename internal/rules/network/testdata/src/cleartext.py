import urllib.request
import requests
import httpx

PRICES = "http://prices.example.net/today.csv"
MIRROR = "https://prices.example.net/today.csv"


def fetch(sku, token):
    requests.get("http://api.example.net/items", timeout=5)  # want: SG505
    requests.get("https://api.example.net/items", timeout=5)  # ok: SG505
    requests.request("POST", "http://api.example.net/orders", json={"sku": sku}, timeout=5)  # want: SG505
    requests.get(PRICES, timeout=5)  # want: SG505
    requests.get(MIRROR, timeout=5)  # ok: SG505
    requests.get("http://localhost:8080/health", timeout=5)  # ok: SG505
    requests.get("http://127.0.0.1:9090/metrics", timeout=5)  # ok: SG505
    requests.get("http://[::1]/status", timeout=5)  # ok: SG505
    requests.get(f"http://{sku}.example.net/", timeout=5)  # ok: SG505 (not a constant)
    session = requests.Session()
    session.headers["Authorization"] = token
    session.post("http://api.example.net/login", timeout=5)  # want: SG505
    with httpx.Client() as client:
        client.get("http://api.example.net/items")  # want: SG505
        client.get("https://api.example.net/items")  # ok: SG505
    urllib.request.urlopen("http://feeds.example.net/rss.xml", timeout=5)  # want: SG505
    urllib.request.urlretrieve("ftp://ftp.example.net/pub/prices.csv", "prices.csv")  # want: SG505
    opener = urllib.request.build_opener()
    opener.open("http://feeds.example.net/atom.xml")  # want: SG505
    cache = {}
    cache.get("http://feeds.example.net/atom.xml")  # ok: SG505 (a dict, not a client)
