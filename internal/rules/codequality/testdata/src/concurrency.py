import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent import futures

lock = threading.Lock()
counter_lock = threading.RLock()


class Store:
    def __init__(self):
        self._lock = threading.Lock()
        self.items = {}

    def put(self, key, value):
        self._lock.acquire()  # want: SG816
        self.items[key] = value
        self._lock.release()

    def put_safe(self, key, value):
        self._lock.acquire()  # ok: SG816
        try:
            self.items[key] = value
        finally:
            self._lock.release()

    def put_with(self, key, value):
        with self._lock:  # ok: SG816
            self.items[key] = value


def bump(state):
    lock.acquire()  # want: SG816
    state["n"] += 1
    lock.release()
    try:
        counter_lock.acquire()  # ok: SG816
        state["n"] += 1
    finally:
        counter_lock.release()
    if lock.acquire(timeout=1):  # ok: SG816
        lock.release()
    conn.acquire()  # ok: SG816
    conn.release()


def take():
    lock.acquire()  # ok: SG816


def wait(cond_lock, waiter):
    cond_lock.release()
    try:
        waiter.wait()
    finally:
        cond_lock.acquire()  # ok: SG816


def wait_for(locks):
    for other_lock in locks:
        other_lock.acquire()  # ok: SG816
        other_lock.release()


class Grid:
    def fill(self, cells):
        for c in self:
            self.discard(c)  # ok: SG819


def fan_out(jobs, run):
    with ThreadPoolExecutor(max_workers=4) as pool:
        for j in jobs:
            pool.submit(run, j)  # want: SG817
    ex = futures.ProcessPoolExecutor()
    ex.submit(run, jobs[0])  # want: SG817
    fs = [ex.submit(run, j) for j in jobs]  # ok: SG817
    f = ex.submit(run, jobs[0])  # ok: SG817
    queue.submit(run)  # ok: SG817
    return fs, f


def order(form, item, data):
    price = float(form["price"])  # want: SG818
    item.unit_price = float(data)  # want: SG818
    total = {"balance": float(form["balance"])}  # want: SG818
    book(amount=float(form["amount"]))  # want: SG818
    ratio = float(form["price_ratio"])  # ok: SG818
    tax_rate = float(form["tax_rate"])  # ok: SG818
    width = float(form["width"])  # ok: SG818
    price_id = float(form["id"])  # ok: SG818
    return price, ratio, tax_rate, width, price_id, total


def prune(sessions, grants, now):
    for s in sessions:
        if s.expired:
            sessions.remove(s)  # want: SG819
    for key in grants:
        if grants[key] < now:
            del grants[key]  # want: SG819
    for key, value in grants.items():
        grants.pop(key)  # want: SG819
    for s in list(sessions):
        sessions.remove(s)  # ok: SG819
    for s in sessions[:]:
        sessions.remove(s)  # ok: SG819
    for s in sessions:
        if s.bad:
            sessions.remove(s)  # ok: SG819
            break
    for s in sessions:
        others.append(s)  # ok: SG819
    for s in sessions:
        sessions.append(s.child)  # ok: SG819
    for s in sessions:
        sessions = [x for x in sessions if x is not s]
        sessions.remove(s)  # ok: SG819
