import shlex
import subprocess


class Job:
    """A command line typed by the user, run without a shell."""

    def __init__(self, command_line):
        self.argv = shlex.split(command_line)

    def start(self):
        return subprocess.Popen(self.argv)  # want: SG602


class Resize:
    def __init__(self, size, name):
        self.size = int(size)
        self.name = shlex.quote(name)

    def start(self):
        return subprocess.Popen("convert -resize %d %s out.png" % (self.size, self.name), shell=True)  # ok: SG602
