import pickle
import cPickle
import marshal
import shelve
import yaml
import torch
import numpy as np
import jsonpickle
from pickle import loads as unpickle
from yaml import SafeLoader


def restore(blob, path, text):
    pickle.loads(blob)  # want: SG201
    unpickle(blob)  # want: SG201
    cPickle.load(open(path, "rb"))  # want: SG201
    shelve.open(path)  # want: SG201
    jsonpickle.decode(text)  # want: SG201
    pickle.dumps(blob)  # ok: SG201
    marshal.loads(blob)  # want: SG202
    marshal.dumps(blob)  # ok: SG202
    yaml.load(text)  # want: SG203
    yaml.load(text, Loader=yaml.Loader)  # want: SG203
    yaml.load(text, Loader=yaml.SafeLoader)  # ok: SG203
    yaml.load(text, Loader=SafeLoader)  # ok: SG203
    yaml.safe_load(text)  # ok: SG203
    yaml.unsafe_load(text)  # want: SG203
    torch.load(path)  # want: SG204
    torch.load(path, weights_only=True)  # ok: SG204
    np.load(path, allow_pickle=True)  # want: SG204
    np.load(path)  # ok: SG204


def copies(obj, blob):
    import dill
    clone = pickle.loads(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))  # ok: SG201
    data = pickle.dumps(obj)
    assert pickle.loads(data) == obj  # ok: SG201
    dill.loads(dill.dumps(obj))  # ok: SG201
    marshal.loads(marshal.dumps(obj))  # ok: SG202
    jsonpickle.decode(jsonpickle.encode(obj))  # ok: SG201
    pickle.loads(dill.dumps(obj))  # want: SG201
    raw = blob
    pickle.loads(raw)  # want: SG201
    SAMPLE = b"\x80\x04K\x01."
    pickle.loads(SAMPLE)  # ok: SG201
    jsonpickle.decode('{"py/object": "shop.Cart"}')  # ok: SG201
    marshal.loads(b"\xe9\x01\x00\x00\x00")  # ok: SG202
    pickle.loads(SAMPLE + blob)  # want: SG201
    return clone


class OrderedLoader(yaml.SafeLoader):
    pass


class StrictLoader(OrderedLoader):
    pass


def ordered(text):
    loader = StrictLoader
    yaml.load(text, OrderedLoader)  # ok: SG203
    return yaml.load(text, Loader=loader)  # ok: SG203


class Settings:
    loader = yaml.SafeLoader

    def read(self, text, loader_class):
        yaml.load(text, self.loader)  # want: SG203
        yaml.load(text, Loader=loader_class)  # want: SG203
        yaml.load(text, yaml.FullLoader)  # want: SG203
        return yaml.load_all(text, Loader=yaml.CSafeLoader)  # ok: SG203


def folded_blob(blob):
    data = b"\x80\x04N."
    if len(data) > 100:
        data = blob
    pickle.loads(data)  # ok: SG201
    pickle.loads(blob)  # want: SG201
    doc = "a: 1" if 2 > 1 else blob
    yaml.load(doc, Loader=yaml.Loader)  # ok: SG203
    yaml.load(blob, Loader=yaml.Loader)  # want: SG203


def folded_encoded(blob, fresh):
    import base64
    data = "gAROLg==" if fresh else "gANOLg=="
    pickle.loads(base64.b64decode(data))  # ok: SG201
    pickle.loads(base64.b64decode(blob))  # want: SG201
