# coding: koi8-r
WORD = "слово"
