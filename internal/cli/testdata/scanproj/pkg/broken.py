import pickle

def load(blob)
    return blob

data = pickle.loads(blob)
