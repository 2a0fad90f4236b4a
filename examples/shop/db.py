import sqlite3


def find_orders(customer):
    conn = sqlite3.connect("shop.db")
    cur = conn.cursor()
    cur.execute("SELECT id, total FROM orders WHERE customer = '%s'" % customer)
    return cur.fetchall()


def find_order(order_id):
    conn = sqlite3.connect("shop.db")
    cur = conn.cursor()
    cur.execute("SELECT id, total FROM orders WHERE id = ?", (order_id,))  # parameters: fine
    return cur.fetchone()
