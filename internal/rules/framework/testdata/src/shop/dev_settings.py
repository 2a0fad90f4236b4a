DEBUG = True  # ok: SG702
