def test_admin():
    assert 1 + 1 == 2  # ok: SG801


def test_price_json(response, item):
    assert response["price"] == float(item.price)  # ok: SG818
    price = float(item.price)  # ok: SG818
