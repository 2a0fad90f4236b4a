import xml.dom.minidom
import xml.dom.pulldom
import xml.sax
import xml.sax.handler
import xml.etree.ElementTree as ET

from lxml import etree


def plain(data):
    ET.fromstring(data)  # want: SG509  # cwe: 776
    xml.dom.minidom.parseString(data)  # want: SG509  # cwe: 776
    xml.sax.parseString(data, xml.sax.ContentHandler())  # want: SG509  # cwe: 776


def with_external(data):
    parser = xml.sax.make_parser()  # want: SG509  # cwe: 776
    parser.setFeature(xml.sax.handler.feature_external_ges, True)
    doc = xml.dom.minidom.parseString(data, parser)  # want: SG509  # cwe: 611
    events = xml.dom.pulldom.parse(data, parser=parser)  # want: SG509  # cwe: 611
    parser.parse(data)  # want: SG509  # cwe: 611
    return doc, events


def with_external_off(data):
    parser = xml.sax.make_parser()  # want: SG509  # cwe: 776
    parser.setFeature(xml.sax.handler.feature_external_ges, False)
    return xml.dom.minidom.parseString(data, parser)  # want: SG509  # cwe: 776


def default_parser(data):
    parser = xml.sax.make_parser()  # want: SG509  # cwe: 776
    return xml.dom.minidom.parseString(data, parser)  # want: SG509  # cwe: 776


def lxml_parsers(data):
    etree.fromstring(data)  # want: SG509  # cwe: 611
    etree.XMLParser()  # want: SG509  # cwe: 611
    etree.XMLParser(resolve_entities=True)  # want: SG509  # cwe: 611
    etree.XMLParser(resolve_entities=False)  # ok: SG509
    etree.XMLParser(resolve_entities="internal")  # ok: SG509
    etree.fromstring(data, etree.XMLParser(resolve_entities=False))  # ok: SG509


def own_documents(data, flag):
    parser = xml.sax.make_parser()  # want: SG509  # cwe: 776
    parser.setFeature(xml.sax.handler.feature_external_ges, True)
    limit = 3
    doc = "<config/>" if limit * 10 > 20 else data
    xml.dom.minidom.parseString(doc, parser)  # ok: SG509
    xml.dom.minidom.parseString("<a>&ext;</a>", parser)  # ok: SG509
    parser.parse("<settings/>")  # ok: SG509
    etree.fromstring("<defaults/>")  # ok: SG509
    doc = "<config/>" if flag else data
    xml.dom.minidom.parseString(doc, parser)  # want: SG509  # cwe: 611
    etree.fromstring(doc)  # want: SG509  # cwe: 611
