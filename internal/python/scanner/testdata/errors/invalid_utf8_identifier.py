xéyz = 1
