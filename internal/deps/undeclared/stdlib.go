// Package undeclared finds third-party modules a project imports but no
// manifest declares (SG907).
package undeclared

import "strings"

// stdlibNames are the top-level modules of CPython's standard library in
// 3.8 to 3.13 (sys.stdlib_module_names of 3.11 and 3.13, plus the modules
// removed before 3.11).
const stdlibNames = `
	__future__ __main__ _thread abc aifc antigravity argparse array ast asynchat asyncio asyncore atexit
	audioop base64 bdb binascii binhex bisect builtins bz2 cProfile calendar cgi cgitb chunk cmath cmd
	code codecs codeop collections colorsys compileall concurrent configparser contextlib contextvars
	copy copyreg crypt csv ctypes curses dataclasses datetime dbm decimal difflib dis distutils doctest
	dummy_threading email encodings ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch
	formatter fractions ftplib functools gc genericpath getopt getpass gettext glob graphlib grp gzip
	hashlib heapq hmac html http idlelib imaplib imghdr imp importlib inspect io ipaddress itertools
	json keyword lib2to3 linecache locale logging lzma macpath mailbox mailcap marshal math mimetypes
	mmap modulefinder msilib msvcrt multiprocessing netrc nis nntplib nt ntpath nturl2path numbers
	opcode operator optparse os ossaudiodev parser pathlib pdb pickle pickletools pipes pkgutil platform
	plistlib poplib posix posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc pydoc_data
	pyexpat queue quopri random re readline reprlib resource rlcompleter runpy sched secrets select
	selectors shelve shlex shutil signal site smtpd smtplib sndhdr socket socketserver spwd sqlite3
	sre_compile sre_constants sre_parse ssl stat statistics string stringprep struct subprocess sunau
	symbol symtable sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios textwrap this
	threading time timeit tkinter token tokenize tomllib trace traceback tracemalloc tty turtle
	turtledemo types typing unicodedata unittest urllib uu uuid venv warnings wave weakref webbrowser
	winreg winsound wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo
`

// Stdlib reports whether a top-level module belongs to the standard library.
func Stdlib(name string) bool {
	return stdlib[name]
}

var stdlib = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(stdlibNames) {
		m[n] = true
	}
	return m
}()
