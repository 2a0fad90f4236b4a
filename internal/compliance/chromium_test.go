package compliance

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestHTMLInChromium opens the HTML report in a real headless Chromium and
// checks the screenshot it takes: a PNG of the requested size that is not
// one flat colour (a page that failed to render is blank).
func TestHTMLInChromium(t *testing.T) {
	browser := ""
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		if os.Getenv("SNAKEGUARD_REQUIRE_CHROMIUM") != "" {
			t.Fatal("SNAKEGUARD_REQUIRE_CHROMIUM is set but neither chromium nor chromium-browser is on PATH")
		}
		t.Skip("chromium is not installed (apt-get install chromium); the HTML report is not checked in a browser")
	}
	rep, err := Build(fixture("pci-dss"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	var b bytes.Buffer
	if err := WriteHTML(&b, rep); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "shot.png")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--screenshot="+shot,
		"--window-size=1280,2000", "file://"+filepath.ToSlash(page))
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", browser, err, out)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	if got := img.Bounds().Size(); got != (image.Point{1280, 2000}) {
		t.Errorf("screenshot is %v, want 1280x2000", got)
	}
	colours := map[[4]uint32]bool{}
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y += 7 {
		for x := bounds.Min.X; x < bounds.Max.X; x += 7 {
			r, g, b, a := img.At(x, y).RGBA()
			colours[[4]uint32{r, g, b, a}] = true
		}
	}
	// Text, borders and the severity badges give far more than a handful of
	// colours; a blank or error page gives one or two.
	if len(colours) < 16 {
		t.Errorf("screenshot has %d colours: the page did not render", len(colours))
	}
}
