from setuptools import setup

setup(name="lib", install_requires=open("requirements.in").read().splitlines())
