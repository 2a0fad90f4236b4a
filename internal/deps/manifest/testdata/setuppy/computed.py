from setuptools import setup, find_packages
from pathlib import Path

requirements = Path("requirements.txt").read_text().splitlines()
EXTRA = {"dev": ["pytest"]}
EXTRA["dev"].append("ruff")
OPTIONS = {"python_requires": ">=3.8"}

setup(
    name="lib",
    packages=find_packages(),
    install_requires=requirements,
    extras_require=EXTRA,
    python_requires=OPTIONS["python_requires"],
    **OPTIONS,
)
