# Bidirectional control characters, each line judged on its own.
dash = "a — b"  # ok: SG805
arabic = "ا؜ب"  # want: SG805
quote = "“x”"  # ok: SG805
mark = "x‏y" + "—"  # want: SG805
plain = "no controls here"  # ok: SG805
pair = "⁦a⁩"  # want: SG805
hebrew = "שלום"  # ok: SG805
