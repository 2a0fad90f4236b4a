module github.com/snakeguard/snakeguard

go 1.24
