"""Polls devices over SNMP and reports to the inventory service over XML-RPC."""
import xmlrpc.client

from pysnmp.hlapi import (
    CommunityData,
    UsmUserData,
    usmAesCfb128Protocol,
    usmHMACSHAAuthProtocol,
    usmNoPrivProtocol,
)


def credentials(auth_key, priv_key):
    yield UsmUserData("monitor", auth_key, priv_key, authProtocol=usmHMACSHAAuthProtocol, privProtocol=usmAesCfb128Protocol)  # ok: SG516
    yield UsmUserData("monitor", authKey=auth_key, privKey=priv_key)  # ok: SG516
    yield UsmUserData("monitor", auth_key)  # want: SG516
    yield UsmUserData("monitor")  # want: SG516
    yield UsmUserData("monitor", auth_key, priv_key, privProtocol=usmNoPrivProtocol)  # want: SG516
    yield CommunityData("public")  # want: SG516


def report(url, device, status):
    payload = xmlrpc.client.dumps((device, status), "inventory.update")  # ok: SG515
    blob = xmlrpc.client.Binary(b"\x00\x01")  # ok: SG515
    if not device:
        raise xmlrpc.client.Fault(400, "no device")  # ok: SG515
    xmlrpc.client.loads(payload)  # want: SG515
    return xmlrpc.client.ServerProxy(url).push(payload, blob)  # want: SG515
