package undeclared

import "testing"

func TestCheck(t *testing.T) {
	imports := []Import{
		{Module: "os", Path: "a.py", Line: 1},
		{Module: "yaml", Path: "a.py", Line: 2},
		{Module: "requests", Path: "a.py", Line: 3},
		{Module: "dateutil", Path: "b.py", Line: 1},
		{Module: "shop", Path: "b.py", Line: 2},
		{Module: "numpy", Path: "b.py", Line: 3},
		{Module: "numpy", Path: "c.py", Line: 9},
	}
	declared := map[string]bool{"pyyaml": true, "requests": true, "python-dateutil": true}
	local := map[string]bool{"shop": true}
	dist := func(n string) (string, bool) {
		m := map[string]string{"yaml": "pyyaml", "dateutil": "python-dateutil"}
		d, ok := m[n]
		return d, ok
	}
	got := Check(imports, declared, local, dist)
	if len(got) != 1 || got[0].Module != "numpy" || got[0].Path != "b.py" {
		t.Errorf("Check = %+v, want numpy in b.py", got)
	}
	if !Stdlib("asyncio") || !Stdlib("distutils") || Stdlib("requests") {
		t.Error("stdlib table wrong")
	}
}
