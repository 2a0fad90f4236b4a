from distutils.core import setup as make

DEPS = ["six==1.16.0"]
DEPS += ["attrs"]

make(name="old", install_requires=["six==1.16.0"], extras_require=dict(yaml=["PyYAML>=6"]))
