"""The staff directory (LDAP) and the product catalogue (XML), wrapped."""
import ldap
from ldap.filter import escape_filter_chars
from lxml import etree


class Directory:
    def __init__(self, uri):
        self.conn = ldap.initialize(uri)

    def search(self, query):
        return self.conn.search_s("ou=staff,dc=example,dc=com", ldap.SCOPE_SUBTREE, query)

    def by_uid(self, uid):
        return self.search("(uid=%s)" % escape_filter_chars(uid))

    def by_mail(self, mail):
        return self.search("(mail=" + mail + ")")


class Catalogue:
    def __init__(self, path):
        self.doc = etree.parse(path)

    def price(self, name):
        return self.doc.xpath("//item[@name='%s']/price/text()" % name)

    def price_of(self, name):
        return self.doc.xpath("//item[@name=$name]/price/text()", name=name)
