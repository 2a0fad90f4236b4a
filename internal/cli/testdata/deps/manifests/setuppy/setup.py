from setuptools import setup

REQUIRES = ["jinja2==2.10", "click>=8"]

setup(name="tool", install_requires=REQUIRES, extras_require={"yaml": ["pyyaml>=6"]})
