"""The service patches xmlrpc once, before any module uses it."""
from defusedxml.xmlrpc import monkey_patch

monkey_patch()
