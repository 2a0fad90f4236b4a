y = rf"abc
