"""Jobs that read files other people wrote (checked with file-sources = true)."""
import json
import os
import pickle
import sqlite3
import subprocess
from pathlib import Path

db = sqlite3.connect("import.db")
INBOX = Path("/srv/inbox")


def run_inbox():
    for entry in INBOX.iterdir():
        job = json.loads(entry.read_text())
        subprocess.run(job["command"], shell=True)  # want: SG602
        db.execute("INSERT INTO jobs VALUES ('%s')" % job["name"])  # want: SG601
        db.execute("INSERT INTO jobs VALUES (?)", (job["name"],))  # ok: SG601
        open(os.path.join("/srv/out", job["name"]), "w").close()  # ok: SG605


def load_state(path):
    with open(path, "rb") as f:
        return pickle.load(f)  # want: SG609


def hooks(path):
    with Path(path).open() as f:
        for line in f:
            os.system(line.strip())  # want: SG602
    with open(path) as f:
        count = int(f.readline())
    os.system("rotate --keep %d" % count)  # ok: SG602
