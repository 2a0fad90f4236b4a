import ssl
import socket
import tarfile
import tempfile
import os
import ftplib
import telnetlib
import requests
from pyghmi.ipmi import command
from wsgiref.handlers import CGIHandler
from wsgiref.simple_server import make_server
import urllib3
import httpx
import paramiko
import xml.etree.ElementTree as ET
from xml.dom import minidom
from lxml import etree
import defusedxml.ElementTree as SafeET


def calls(url, host, path, data, cmd):
    requests.get(url, verify=False, timeout=5)  # want: SG501
    requests.get(url, timeout=5)  # ok: SG501, SG504
    requests.post(url, data=data)  # want: SG504
    httpx.get(url, verify=False)  # want: SG501
    httpx.get(url)  # ok: SG504
    ssl.SSLContext(ssl.PROTOCOL_TLSv1)  # want: SG502
    ctx = ssl.create_default_context()  # ok: SG503
    ctx.check_hostname = False  # want: SG503
    ctx.verify_mode = ssl.CERT_NONE  # want: SG503
    ssl._create_unverified_context()  # want: SG503
    ssl.wrap_socket(s, cert_reqs=ssl.CERT_NONE)  # want: SG503, SG517
    ssl.wrap_socket(s, cert_reqs=ssl.CERT_REQUIRED)  # want: SG517  # ok: SG503
    urllib3.PoolManager(10, cert_reqs="CERT_NONE")  # want: SG501  # ok: SG503
    urllib3.PoolManager(10, cert_reqs="CERT_REQUIRED")  # ok: SG501, SG503
    ssl._create_default_https_context = ssl._create_unverified_context  # want: SG503
    ssl._create_default_https_context = ssl.create_default_context  # ok: SG503
    ftplib.FTP(host)  # want: SG505
    ftplib.FTP_TLS(host)  # ok: SG505
    telnetlib.Telnet(host)  # want: SG505
    command.Command(bmc=host, userid="admin", password=data)  # want: SG505
    CGIHandler().run(data)  # want: SG518
    make_server("127.0.0.1", 8000, data)  # ok: SG518
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())  # want: SG506
    client.set_missing_host_key_policy(paramiko.RejectPolicy())  # ok: SG506
    client.exec_command("ls " + path)  # want: SG507
    client.exec_command("uptime")  # ok: SG507
    s = socket.socket()
    s.bind(("0.0.0.0", 8000))  # want: SG508
    s.bind(("127.0.0.1", 8000))  # ok: SG508
    ET.fromstring(data)  # want: SG509
    minidom.parseString(data)  # want: SG509
    etree.fromstring(data)  # want: SG509
    etree.XMLParser(resolve_entities=False)  # ok: SG509
    SafeET.fromstring(data)  # ok: SG509
    with tarfile.open(path) as tar:
        tar.extractall("/srv/out")  # want: SG510
        tar.extractall("/srv/out", filter="data")  # ok: SG510
    os.chmod(path, 0o777)  # want: SG511
    os.chmod(path, 0o600)  # ok: SG511
    tempfile.mktemp()  # want: SG512
    tempfile.mkstemp()  # ok: SG512
    open("/tmp/cache.json", "w")  # want: SG513
    open("cache.json", "w")  # ok: SG513


def legacy(url, sock):
    import urllib.request
    import xmlrpc.client
    from pysnmp.hlapi import CommunityData
    urllib.request.urlopen(url)  # want: SG514
    urllib.request.urlopen("https://example.org/feed")  # ok: SG514
    xmlrpc.client.ServerProxy("http://localhost:8000")  # want: SG515
    CommunityData("public", mpModel=0)  # want: SG516
    ssl.wrap_socket(sock)  # want: SG517
    ssl.create_default_context().wrap_socket(sock, server_hostname="example.org")  # ok: SG517


def lookups(scheme):
    import requests.utils
    from requests.api import get as fetch
    requests.codes.get("too_early")  # ok: SG504
    requests.utils.DEFAULT_PORTS.get(scheme, None)  # ok: SG504
    fetch("https://example.org/feed")  # want: SG504
    requests.request("GET", "https://example.org/feed")  # want: SG504


def feeds(version, host, path, url, body):
    import urllib.request
    urllib.request.urlopen("http://www.lua.org/manual/%s/" % version)  # ok: SG514
    urllib.request.urlopen(f"https://{host}/api/{path}")  # ok: SG514
    urllib.request.urlopen("https://mirror.example.org/" + path)  # ok: SG514
    base = "https://{}/feed".format(host)
    urllib.request.urlopen(base)  # ok: SG514
    request = urllib.request.Request(url, data=body)  # want: SG514
    urllib.request.urlopen(request)  # ok: SG514
    urllib.request.urlopen(host + "/feed")  # want: SG514
    urllib.request.urlopen(f"{url}/feed")  # want: SG514
