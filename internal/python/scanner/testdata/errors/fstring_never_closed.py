f"{x
