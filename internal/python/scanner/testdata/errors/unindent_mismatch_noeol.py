if x:
    y
  z