import colorama
import numpy
import requests
import yaml
