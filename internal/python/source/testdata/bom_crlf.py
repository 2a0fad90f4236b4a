import os

PATH = os.sep.join(["a", "b"])
