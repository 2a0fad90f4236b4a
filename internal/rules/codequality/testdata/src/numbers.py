import math
import numpy as np
from decimal import Decimal
import decimal as dec


def limits(amount, ratio, values):
    if amount == float("nan"):  # want: SG807
        return None
    if amount != math.nan:  # want: SG807
        pass
    if ratio == np.nan:  # want: SG807
        return None
    if float(" NaN ") == ratio:  # want: SG807
        return None
    if amount is float("nan"):  # want: SG807
        return None
    if amount is math.nan:  # ok: SG807
        return None
    if 0 < amount == float("-nan"):  # want: SG807
        return None
    if math.isnan(amount):  # ok: SG807
        return None
    if amount == float("inf"):  # ok: SG807
        return None
    if amount == float(values):  # ok: SG807
        return None
    if amount != amount:  # ok: SG807
        return None
    return amount


PRICE = Decimal(0.1)  # want: SG808
NEG = dec.Decimal(-2.675)  # want: SG808
FROM = Decimal.from_float(1.1)  # want: SG808
HALF = Decimal(0.5)  # ok: SG808
TWO = Decimal(2.0)  # ok: SG808
TEXT = Decimal("0.1")  # ok: SG808
WHOLE = Decimal(10)  # ok: SG808


def parse(raw):
    a = Decimal(float(raw))  # want: SG808
    b = Decimal(raw)  # ok: SG808
    return a, b


def roles(role, code, items, sentinel):
    if role is "admin":  # want: SG810
        return 1
    if code is not 200:  # want: SG810
        return 2
    if items is []:  # want: SG810
        return 3
    if -1 is code:  # want: SG810
        return 4
    if role is None or items is not sentinel:  # ok: SG810
        return 5
    if code is True or items is ():  # ok: SG810
        return 6
    if role == "admin":  # ok: SG810
        return 7
    return 0


import ctypes
from ctypes import c_uint8


def native(n):
    a = c_uint8(256)  # want: SG820
    b = ctypes.c_int8(200)  # want: SG820
    c = ctypes.c_uint16(-1)  # want: SG820
    d = ctypes.c_int32(2**31)  # want: SG820
    e = c_uint8(255)  # ok: SG820
    f = ctypes.c_int8(-128)  # ok: SG820
    g = ctypes.c_long(2**40)  # ok: SG820
    h = ctypes.c_uint16(n)  # ok: SG820
    return a, b, c, d, e, f, g, h


def steps(run, n):
    t = 0.0
    while t != 1.0:
        run(t)
        t += 0.1  # want: SG821
    x = 10.0
    while x > 0:
        x -= 0.5  # ok: SG821
    while t < n:
        other = 0.0
        other += 0.1  # ok: SG821
        t += 1  # ok: SG821
    grid = np.arange(0, 1, 0.1)  # want: SG821
    whole = np.arange(0, 10, 2)  # ok: SG821
    return grid, whole
