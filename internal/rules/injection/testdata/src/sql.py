import sqlite3
from sqlalchemy import text
from django.db.models.expressions import RawSQL


def find(conn, name, user_id, order):
    cur = conn.cursor()
    cur.execute(f"SELECT * FROM users WHERE name = '{name}'")  # want: SG101
    cur.execute("SELECT * FROM users WHERE id = %s" % user_id)  # want: SG101
    cur.execute("SELECT * FROM users WHERE id = {}".format(user_id))  # want: SG101
    cur.execute("SELECT * FROM users WHERE id = " + str(user_id))  # want: SG101
    cur.execute("SELECT * FROM users WHERE id = %s", (user_id,))  # ok: SG101
    cur.execute("SELECT * FROM users WHERE id = ?", [user_id])  # ok: SG101
    query = "DELETE FROM sessions WHERE user = '%s'" % name
    cur.execute(query)  # want: SG101
    sql = "SELECT * FROM t"
    sql += " ORDER BY " + order
    cur.execute(sql)  # want: SG101
    conn.execute(text(f"SELECT * FROM items WHERE owner = {user_id}"))  # want: SG101
    conn.execute(text("SELECT * FROM items WHERE owner = :owner"), {"owner": user_id})  # ok: SG101
    User.objects.raw("SELECT * FROM auth_user WHERE username = '%s'" % name)  # want: SG101
    User.objects.raw("SELECT * FROM auth_user WHERE username = %s", [name])  # ok: SG101
    User.objects.extra(where=["name = '%s'" % name])  # want: SG101
    RawSQL("SELECT id FROM t WHERE x = %s" % name, ())  # want: SG101
    log.execute(f"step {name}")  # ok: SG101
    TABLE = "users"
    cur.execute(f"SELECT * FROM {TABLE}")  # ok: SG101


def maintenance(connection, schema_editor, table, days, name):
    qn = connection.ops.quote_name
    with connection.cursor() as cur:
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS %s" % schema_editor.quote_name(name))  # ok: SG101
        cur.execute(f"DELETE FROM {qn(table)} WHERE age > {int(days)}")  # ok: SG101
        cur.execute("VACUUM {}".format(connection.ops.quote_name(table)))  # ok: SG101
        cur.execute(f"DELETE FROM {qn(table)} WHERE owner = '{name}'")  # want: SG101
