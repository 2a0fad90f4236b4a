import xml.dom.minidom
import xml.dom.pulldom
import xml.sax
from xml.sax.handler import feature_external_ges

from flask import request

from pages.app import app


@app.route("/feed", methods=["POST"])
def feed():
    body = request.get_data(as_text=True)
    plain = xml.dom.minidom.parseString(body)  # ok: SG617
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    doc = xml.dom.minidom.parseString(body, parser)  # want: SG617
    events = xml.dom.pulldom.parseString(body, parser=parser)  # want: SG617
    xml.sax.parseString(body.encode(), xml.sax.ContentHandler())  # ok: SG617
    return {"plain": plain.documentElement.tagName, "doc": doc.documentElement.tagName, "n": len(list(events))}


@app.route("/stream", methods=["POST"])
def stream():
    reader = xml.sax.make_parser()
    reader.setFeature("http://xml.org/sax/features/external-general-entities", True)
    reader.parse(request.files["doc"])  # want: SG617
    quiet = xml.sax.make_parser()
    quiet.setFeature(feature_external_ges, False)
    quiet.parse(request.files["doc"])  # ok: SG617
    return {"ok": True}
