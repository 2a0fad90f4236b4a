module github.com/snakeguard/snakeguard

go 1.24.0

require (
	github.com/pelletier/go-toml/v2 v2.4.3
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3
)

require (
	go.yaml.in/yaml/v3 v3.0.4
	golang.org/x/sync v0.18.0
	golang.org/x/text v0.14.0 // indirect
)
