import sqlite3


class Repository:
    def __init__(self, path):
        self.conn = sqlite3.connect(path)

    def query(self, sql):
        return self.conn.execute(sql).fetchall()

    def by_name(self, name):
        return self.query("SELECT * FROM products WHERE name = '%s'" % name)

    def by_id(self, product_id):
        return self.conn.execute("SELECT * FROM products WHERE id = ?", (product_id,)).fetchall()


def raw_lookup(table, value):
    conn = sqlite3.connect("shop.db")
    return conn.execute(f"SELECT * FROM {table} WHERE v = '{value}'").fetchall()
