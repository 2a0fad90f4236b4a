package notebook

import "testing"

func TestParse(t *testing.T) {
	nb := `{"cells":[{"cell_type":"markdown","source":["# Title"]},
	{"cell_type":"code","source":["import os\n","%matplotlib inline\n","os.system(cmd)"]},
	{"cell_type":"code","source":"!pip install x\neval(x)\n"}],"nbformat":4}`
	src, err := Parse([]byte(nb))
	if err != nil {
		t.Fatal(err)
	}
	want := "import os\n\nos.system(cmd)\n\n\neval(x)\n\n"
	if string(src.Text) != want {
		t.Errorf("text = %q, want %q", src.Text, want)
	}
	if cl, ok := src.Locate(3); !ok || cl.Cell != 2 || cl.Line != 3 {
		t.Errorf("line 3 -> %+v %v", cl, ok)
	}
	if cl, ok := src.Locate(6); !ok || cl.Cell != 3 || cl.Line != 2 {
		t.Errorf("line 6 -> %+v %v", cl, ok)
	}
	if _, err := Parse([]byte("{\"cells\": [\n}")); err == nil {
		t.Error("broken JSON accepted")
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"cells":[{"cell_type":"code","source":["x = 1\n"]}]}`))
	f.Add([]byte(`{"worksheets":[{"cells":[{"cell_type":"code","input":"y"}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := Parse(data)
		if err == nil {
			for i := range src.Lines {
				src.Locate(i + 1)
			}
		}
	})
}
