x = 1jk
