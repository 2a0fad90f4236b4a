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
    if amount is math.nan:  # want: SG807
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
