import os
import subprocess
import subprocess as sp
from os import system as run_cmd
import asyncio

SHELL = True
BASE = "ls "


def handler(request, host, name):
    subprocess.run(f"ping -c 1 {host}", shell=True)  # want: SG102
    sp.Popen("ls -l " + name, shell=SHELL)  # want: SG102
    subprocess.call("uptime", shell=True)  # ok: SG102
    subprocess.call(("sh", "-c", "/bin/ls"), shell=True)  # ok: SG102
    subprocess.call(("sh", "-c", "/bin/ls " + name), shell=True)  # want: SG102
    subprocess.run(["ls", "-l", name])  # want: SG104
    subprocess.run(["/bin/ls", "-l", name])  # ok: SG102, SG104, SG105
    subprocess.run(cmd_list)  # want: SG105
    subprocess.check_output(["/usr/bin/git", "log"], shell=False)  # ok: SG102, SG104
    os.system("tar czf /backups/x.tgz " + name)  # want: SG103
    run_cmd(BASE + name)  # want: SG103
    os.system("uptime")  # ok: SG103
    os.popen(f"cat {name}")  # want: SG103
    os.system("tar czf out.tgz *")  # want: SG106  # ok: SG103
    os.execv(program_path, [program_path])  # want: SG105
    asyncio.create_subprocess_shell(request.args["cmd"])  # want: SG102
    cmd = BASE + "-l"
    os.system(cmd)  # ok: SG103


def shadowed(os):
    os.system(cmd)  # ok: SG103


def tools(args):
    import shutil
    import sys
    from sys import executable
    subprocess.run([sys.executable, "-m", "pip", "install", "-r", "requirements.txt"])  # ok: SG104, SG105
    subprocess.run([executable, "-c", "print(1)"])  # ok: SG105
    git = shutil.which("git")
    subprocess.run([git, "status"])  # ok: SG105
    subprocess.run([shutil.which(args.tool), "--version"])  # want: SG105
    python = args.python or sys.executable
    subprocess.run([python, "-V"])  # want: SG105


def wrappers(cmd, arg):
    import functools
    from deploy.remote import run_remote
    from awscli.compat import compat_shell_quote
    options = dict(cwd="/srv", shell=True, timeout=30)  # ok: SG102
    compat_shell_quote(arg, shell=True)  # ok: SG102
    runner = functools.partial(subprocess.check_call, shell=True)  # want: SG102
    functools.partial(print, shell=True)  # ok: SG102
    run_remote(cmd, host="web1", shell=True)  # want: SG102
    return options, runner


def folded_program(mode):
    prog = "/usr/bin/git"
    if len("ab") > 5:
        prog = mode
    subprocess.run([prog, "status"])  # ok: SG105
    tool = "/usr/bin/hg" if mode else "/usr/bin/git"
    argv = [tool, "status"]
    subprocess.run(argv)  # ok: SG105
    subprocess.run([mode, "status"])  # want: SG105
