#!/usr/bin/env python
# -*- coding: utf-8 -*-
import os
import setuptools as st

HERE = os.path.dirname(__file__)
VERSION_PIN = "==2.31.0"

BASE = [
    "Django>=4.2,<5.0",  # web framework
    "requests[socks]" + VERSION_PIN,
    'pywin32==306; sys_platform == "win32"',
]
REQUIRES = BASE + [
    "tool @ git+https://github.com/example/tool.git@v1.2.0",
    *("celery>=5.3", "kombu"),
]

TEST = """
pytest==8.0.0
coverage[toml]>=7  # with toml
"""

with open(os.path.join(HERE, "README.md")) as f:
    long_description = f.read()

if __name__ == "__main__":
    st.setup(
        name="shop",
        version="1.0",
        long_description=long_description,
        python_requires=">=3.9",
        install_requires=REQUIRES,
        extras_require={
            "test": TEST,
            "docs": ["sphinx>=7", "furo"],
            ":python_version < '3.11'": ["tomli>=1.1"],
            "fast:sys_platform != 'win32'": ["uvloop==0.19.0 ; python_version >= '3.8'"],
            "broken": ["not a requirement !!"],
        },
    )
