"""Writes internal/deps/pep508/testdata/oracle.json: how the packaging
library vendored by pip (22 or newer; pip of Python 3.13) parses dependency
specifiers and evaluates markers, for the Go tests to compare with.

    python3 scripts/gen-pep508-oracle.py > internal/deps/pep508/testdata/oracle.json
"""
import itertools
import json
import random
import sys

from pip._vendor import packaging
from pip._vendor.packaging.markers import Marker
from pip._vendor.packaging.requirements import InvalidRequirement, Requirement
from pip._vendor.packaging.utils import canonicalize_name

REQUIREMENTS = r"""requests
requests>=2.31
requests >= 2.31, < 3
requests[socks]>=2.31
requests [ socks , security ] (>=2.0,<3)
Django==4.2.*
django (==4.2.*)
pkg>=1.0,
pkg>=1.0 , !=1.5
name@https://example.org/x.whl
name @ https://example.org/x.whl
name @ https://example.org/x.whl ; python_version < "3.11"
name @ https://example.org/x.whl;python_version<"3.11"
name @ git+https://github.com/o/r.git@v1.0#egg=name
pkg ; python_version >= "3.8"
pkg;python_version>="3.8"
pkg>=1; sys_platform == 'win32' and python_version < '3.10'
pkg>=1; (sys_platform == 'win32' or os_name == "nt") and extra == 'Test_X'
pkg[a,b]>=1;extra=="dev"
zope.interface>=5
ruamel.yaml.clib
a
A.B-C_D
a-
-a
a..b
a_b
_a
pkg>=1.0+local
pkg<=1.0.*
pkg==1.0+local
pkg!=1.0.*
pkg~=1.4.5
pkg===1.0-foo
pkg===1.0-foo ; os_name == "posix"
pkg >=1.0 <2
pkg >= 1.0, ,<2
pkg (>=1.0
pkg >=1.0)
pkg[
pkg[]
pkg[ ]
pkg[a b]
pkg[a,]
pkg[a-b.c_d]
pkg @
pkg@
pkg @ url extra
pkg ; 
pkg ; python_version
pkg ; python_version >=
pkg ; python_version >= 3.8
pkg ; 'a' == "b"
pkg ; python_version not in "3.8 3.9"
pkg ; python_version notin "3.8"
pkg ; python_version in '3.8 3.9' or python_version>'3.10'
pkg ; os.name == 'posix'
pkg ; platform.python_implementation == 'CPython'
pkg ; python_implementation == 'CPython'
pkg ; python_versionx == '3'
pkg ; (python_version > '3'
pkg ; python_version > '3')
pkg ; python_version > '3' and
pkg ; python_version > '3'and os_name=='nt'
pkg ; python_version > '3' andos_name=='nt'
pkg ; python_version > "3" # comment
pkg ; python_version > "\x33"
pkg ; sys_platform == "lin\\ux"
pkg ; sys_platform == "linux\"
pkg ; implementation_name == "cpython" and implementation_version >= "3.9"
pkg ; platform_machine in "x86_64 aarch64"
pkg ; platform_release >= "5"
pkg>1.0a1;python_full_version<'3.8.1'
 pkg
pkg	>=1
pkg>=1	;	os_name	==	'nt'
pkg >=1.0.*
pkg >= 1.0a
pkg==v1.0
pkg==1.0 .*
pkg~=1
pkg=1.0
pkg 1.0
pkg>=1.0 or os_name=='nt'
""".strip("\n").split("\n")

MARKERS = r"""python_version < "3.11"
python_version >= "3.8"
python_version == "3.13"
python_version == "3.13.*"
python_version ~= "3.12"
python_version > "3.9" and python_version < "3.13"
python_full_version >= "3.13.1"
python_full_version < "3.8.1"
python_full_version == "3.13.0"
sys_platform == "win32"
sys_platform != "win32"
sys_platform == "linux" or sys_platform == "darwin"
sys_platform in "linux darwin"
"lin" in sys_platform
"win" not in sys_platform
platform_system == "Windows"
platform_system != "Darwin" and platform_machine == "x86_64"
platform_machine in "x86_64 AMD64"
platform_machine not in "arm64 aarch64"
os_name == "nt"
os_name == "posix" and (python_version < "3.9" or extra == "test")
implementation_name == "cpython"
implementation_name != "pypy"
platform_python_implementation == "CPython"
implementation_version >= "3.10"
extra == "test"
extra == "Test.Extra"
extra == "test-extra"
"test" == extra
extra != "test"
python_version > "3"
python_version > "3.1.0"
python_version >= "3"
python_version < "3.13a1"
python_version < "3.13.0"
python_version <= "3.13"
python_version > "3.13"
python_version === "3.13"
python_version === "3.13.0"
sys_platform < "m"
sys_platform > "darwin"
sys_platform ~= "linux"
os_name >= "nt"
"3.8" < python_version
"3.14" <= python_version
python_version == "3.8" or python_version == "3.9" and os_name == "nt"
(python_version == "3.8" or python_version == "3.9") and os_name == "nt"
python_version in "3.13 3.14"
python_version not in "3.8"
python_version in "3.1"
python_version == python_version
sys_platform == sys_platform
platform_release >= "5"
platform_release == ""
platform_version == ""
python_version != "3.13.*"
python_version == "3.*"
python_version != "2.7"
python_version == "3.1e"
extra == ""
""".strip("\n").split("\n")


def env(py, full, plat, extra=""):
    sysp, system, osn, mach = {
        "linux": ("linux", "Linux", "posix", "x86_64"),
        "darwin": ("darwin", "Darwin", "posix", "arm64"),
        "win32": ("win32", "Windows", "nt", "AMD64"),
    }[plat]
    return {"python_version": py, "python_full_version": full, "implementation_name": "cpython",
            "implementation_version": full, "platform_python_implementation": "CPython",
            "platform_release": "", "platform_version": "", "sys_platform": sysp,
            "platform_system": system, "os_name": osn, "platform_machine": mach, "extra": extra}


ENVS = [env("3.13", "3.13.0", "linux"), env("3.8", "3.8.10", "win32", "test"),
        env("3.11", "3.11.4", "darwin", "Test_Extra"), env("3.14", "3.14.0", "linux", "dev"),
        env("3.9", "3.9.0", "win32")]

NAMES = ["Django", "django", "zope.interface", "Zope_Interface", "A..B", "a-_.b", "a", "ruamel.yaml.clib",
         "Flask-SQLAlchemy", "flask_sqlalchemy", "pkg.", "-pkg", "PyYAML", "a__b", "typing-extensions"]


def evaluate(m, e):
    try:
        return (Marker(m) if isinstance(m, str) else m).evaluate(e)
    except Exception as ex:  # packaging raises several kinds on undefined comparisons
        return "error:" + type(ex).__name__


def main():
    if int(packaging.__version__.split(".")[0]) < 22:
        sys.exit("needs packaging 22 or newer (pip of Python 3.12+); found " + packaging.__version__)
    reqs = []
    for s in REQUIREMENTS:
        try:
            r = Requirement(s)
        except (InvalidRequirement, SyntaxError, ValueError):  # literal_eval errors escape packaging
            reqs.append({"s": s, "valid": False})
            continue
        row = {"s": s, "valid": True, "name": r.name, "extras": sorted(r.extras),
               "specifiers": sorted(str(x) for x in r.specifier), "url": r.url or "",
               "marker": None if r.marker is None else [evaluate(r.marker, e) for e in ENVS]}
        reqs.append(row)
    markers = []
    rnd = random.Random(508)
    combos = list(MARKERS)
    for a, b in itertools.combinations(MARKERS[:30], 2):
        if rnd.random() < 0.6:
            combos.append(f"({a}) {rnd.choice(['and', 'or'])} {b}")
    for m in combos:
        try:
            Marker(m)
        except Exception:
            markers.append({"s": m, "valid": False})
            continue
        markers.append({"s": m, "valid": True, "results": [evaluate(m, e) for e in ENVS]})
    json.dump({"packaging": packaging.__version__, "envs": ENVS, "requirements": reqs, "markers": markers,
               "names": [[n, canonicalize_name(n)] for n in NAMES]}, sys.stdout, indent=0)
    sys.stdout.write("\n")


main()
