"""A command-line tool: options from argparse are the local user's input."""
import argparse
import sqlite3
import subprocess


def build_parser():
    parser = argparse.ArgumentParser(description="report tool")
    parser.add_argument("--name")
    parser.add_argument("--hook")
    parser.add_argument("--out")
    parser.add_argument("--limit", default="10")
    return parser


def main():
    args = build_parser().parse_args()
    db = sqlite3.connect("reports.db")
    db.execute("SELECT * FROM reports WHERE name = '%s'" % args.name)  # want: SG601
    db.execute("SELECT * FROM reports LIMIT %d" % int(args.limit))  # ok: SG601
    subprocess.run(args.hook, shell=True)  # want: SG602
    subprocess.run(["/usr/bin/gzip", args.out])  # ok: SG602
    with open(args.out, "w") as f:  # ok: SG605
        f.write("done")


def run_extra():
    ap = argparse.ArgumentParser()
    ap.add_argument("command")
    options, rest = ap.parse_known_args()
    subprocess.call(options.command + " " + " ".join(rest), shell=True)  # want: SG602


def open_in_editor(path):
    import os
    args = build_parser().parse_args()
    os.execvp(args.hook, [args.hook, path])  # want: SG602
    os.execvp("/usr/bin/vi", ["/usr/bin/vi", args.out])  # ok: SG602
