def test_admin():
    assert 1 + 1 == 2  # ok: SG801
