package framework

import (
	"reflect"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/python/parser"
)

func units(files map[string]string) []*analysis.Unit {
	var out []*analysis.Unit
	for path, src := range files {
		mod := strings.TrimSuffix(strings.TrimSuffix(strings.ReplaceAll(path, "/", "."), ".py"), ".__init__")
		out = append(out, analysis.NewUnit(path, mod, parser.ParseFile(path, []byte(src))))
	}
	return out
}

func TestTemplateDirs(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"pathlib BASE_DIR", map[string]string{"site/settings.py": "from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\n" +
			"INSTALLED_APPS = []\nTEMPLATES = [{\"BACKEND\": \"django.template.backends.django.DjangoTemplates\", \"DIRS\": [BASE_DIR / \"ui\" / \"pages\", str(BASE_DIR.joinpath(\"mail\"))]}]\n"},
			[]string{"mail", "ui/pages"}},
		{"os.path BASE_DIR", map[string]string{"site/settings.py": "import os\nBASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))\n" +
			"INSTALLED_APPS = []\nTEMPLATES = [{\"DIRS\": [os.path.join(BASE_DIR, \"site\", \"layouts\")]}]\n"},
			[]string{"site/layouts"}},
		{"parents and inherited DIRS", map[string]string{
			"proj/config/settings/base.py": "from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parents[2]\nAPPS_DIR = BASE_DIR / \"shop\"\nINSTALLED_APPS = []\nTEMPLATES = [{\"DIRS\": [str(APPS_DIR / \"html\")]}]\n",
			"proj/config/settings/prod.py": "from .base import *\nDEBUG = False\n"},
			[]string{"proj/shop/html"}},
		{"above the root is left out", map[string]string{"settings.py": "from pathlib import Path\nBASE_DIR = Path(__file__).parent.parent\nINSTALLED_APPS = []\nTEMPLATES = [{\"DIRS\": [BASE_DIR / \"t\", \"/srv/templates\"]}]\n"},
			[]string{}},
		{"flask and jinja", map[string]string{"shop/__init__.py": "import os\nfrom flask import Flask, Blueprint\nfrom jinja2 import Environment, FileSystemLoader\n" +
			"app = Flask(__name__, template_folder=\"views\")\nbp = Blueprint(\"admin\", __name__, template_folder=os.path.join(os.path.dirname(__file__), \"admin_ui\"))\n" +
			"env = Environment(loader=FileSystemLoader(\"mail_templates\"))\nother = Flask(__name__, template_folder=\"../../outside\")\n"},
			[]string{"mail_templates", "shop/admin_ui", "shop/views"}},
		{"fastapi", map[string]string{"api/main.py": "from fastapi.templating import Jinja2Templates\ntemplates = Jinja2Templates(directory=\"api/html\")\n"},
			[]string{"api/html"}},
		{"computed names are not guessed", map[string]string{"app.py": "from flask import Flask\nimport config\napp = Flask(__name__, template_folder=config.TEMPLATES)\n"},
			[]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := TemplateDirs(units(tt.files))
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("TemplateDirs = %q, want %q", got, tt.want)
			}
		})
	}
}
