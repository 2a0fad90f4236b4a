package osv

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeOSV serves /v1/querybatch and /v1/vulns/{id} from a table, with
// knobs for pagination, failures and slowness.
type fakeOSV struct {
	mu          sync.Mutex
	byPackage   map[string][]string // package name -> ids (for any version)
	vulns       map[string]string   // id -> JSON
	pageSize    int                 // 0: no pagination
	failFirst   int32               // answer this many requests with 500 first
	slow        time.Duration
	batchCalls  atomic.Int32
	detailCalls atomic.Int32
	queries     []batchQuery
}

func (f *fakeOSV) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if f.slow > 0 {
		select {
		case <-time.After(f.slow):
		case <-r.Context().Done():
			return
		}
	}
	if atomic.AddInt32(&f.failFirst, -1) >= 0 {
		http.Error(w, "try again", http.StatusInternalServerError)
		return
	}
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/v1/querybatch":
		f.batchCalls.Add(1)
		var body struct {
			Queries []batchQuery `json:"queries"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		f.mu.Lock()
		f.queries = append(f.queries, body.Queries...)
		f.mu.Unlock()
		var resp batchResponse
		for _, q := range body.Queries {
			if q.Package.Ecosystem != "PyPI" {
				http.Error(w, "bad ecosystem", http.StatusBadRequest)
				return
			}
			ids := f.byPackage[q.Package.Name]
			start := 0
			if q.PageToken != "" {
				fmt.Sscanf(q.PageToken, "page-%d", &start)
			}
			end := len(ids)
			next := ""
			if f.pageSize > 0 && end-start > f.pageSize {
				end = start + f.pageSize
				next = fmt.Sprintf("page-%d", end)
			}
			var res struct {
				Vulns []struct {
					ID       string `json:"id"`
					Modified string `json:"modified"`
				} `json:"vulns"`
				NextPageToken string `json:"next_page_token"`
			}
			for _, id := range ids[start:end] {
				res.Vulns = append(res.Vulns, struct {
					ID       string `json:"id"`
					Modified string `json:"modified"`
				}{id, "2024-01-01T00:00:00Z"})
			}
			res.NextPageToken = next
			resp.Results = append(resp.Results, res)
		}
		json.NewEncoder(w).Encode(resp)
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/v1/vulns/"):
		f.detailCalls.Add(1)
		id := strings.TrimPrefix(r.URL.Path, "/v1/vulns/")
		js, ok := f.vulns[id]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(js))
	default:
		http.NotFound(w, r)
	}
}

func newFake() *fakeOSV {
	f := &fakeOSV{byPackage: map[string][]string{}, vulns: map[string]string{}}
	for i := 1; i <= 5; i++ {
		id := fmt.Sprintf("PYSEC-2024-%d", i)
		f.byPackage["django"] = append(f.byPackage["django"], id)
		f.vulns[id] = fmt.Sprintf(`{"id":%q,"modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"PyPI","name":"Django"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"4.2.%d"}]}]}]}`, id, i)
	}
	f.byPackage["requests"] = []string{"GHSA-j8r2-6x86-q33q"}
	f.vulns["GHSA-j8r2-6x86-q33q"] = `{"id":"GHSA-j8r2-6x86-q33q","modified":"2024-01-01T00:00:00Z","aliases":["PYSEC-2023-74"],"affected":[{"package":{"ecosystem":"PyPI","name":"requests"}}]}`
	return f
}

func testClient(url string, cache string) *Client {
	return &Client{BaseURL: url, HTTP: &http.Client{Timeout: 2 * time.Second}, CacheDir: cache, TTL: time.Hour,
		Concurrency: 3, Retries: 2, Backoff: time.Millisecond}
}

func ids(vs []*Vulnerability) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.ID)
	}
	sort.Strings(out)
	return out
}

func TestClientBatchAndDetails(t *testing.T) {
	f := newFake()
	f.pageSize = 2 // django needs three pages
	srv := httptest.NewServer(f)
	defer srv.Close()
	c := testClient(srv.URL, t.TempDir())
	qs := []Query{{Name: "django", Version: "4.2.0"}, {Name: "requests", Version: "2.30.0"}, {Name: "flask", Version: "3.0.0"}}
	res, err := c.Query(context.Background(), qs)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(res[0]); len(got) != 5 || got[0] != "PYSEC-2024-1" {
		t.Errorf("django = %v", got)
	}
	if got := ids(res[1]); len(got) != 1 || got[0] != "GHSA-j8r2-6x86-q33q" {
		t.Errorf("requests = %v", got)
	}
	if len(res[2]) != 0 {
		t.Errorf("flask = %v", ids(res[2]))
	}
	if n := f.batchCalls.Load(); n != 3 {
		t.Errorf("%d batch calls, want 3 (two follow-up pages)", n)
	}
	if n := f.detailCalls.Load(); n != 6 {
		t.Errorf("%d detail calls, want 6", n)
	}
	// The first request carries all three queries with their versions.
	if len(f.queries) < 3 || f.queries[0].Version != "4.2.0" || f.queries[0].Package.Name != "django" {
		t.Errorf("queries = %+v", f.queries)
	}

	// A second audit within the TTL is answered from the cache.
	res, err = c.Query(context.Background(), qs)
	if err != nil || len(res[0]) != 5 {
		t.Fatalf("cached: %v %v", res, err)
	}
	if f.batchCalls.Load() != 3 || f.detailCalls.Load() != 6 {
		t.Errorf("cache not used: %d batch, %d detail calls", f.batchCalls.Load(), f.detailCalls.Load())
	}

	// Past the TTL the ids are asked again; unchanged advisories are not.
	c.Now = func() time.Time { return time.Now().Add(2 * time.Hour) }
	if _, err := c.Query(context.Background(), qs); err != nil {
		t.Fatal(err)
	}
	if f.batchCalls.Load() != 6 || f.detailCalls.Load() != 6 {
		t.Errorf("after TTL: %d batch, %d detail calls, want 6 and 6", f.batchCalls.Load(), f.detailCalls.Load())
	}
}

func TestClientRetriesServerErrors(t *testing.T) {
	f := newFake()
	f.failFirst = 2
	srv := httptest.NewServer(f)
	defer srv.Close()
	c := testClient(srv.URL, "")
	res, err := c.Query(context.Background(), []Query{{Name: "requests", Version: "2.30.0"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res[0]) != 1 {
		t.Errorf("res = %v", res)
	}
}

func TestClientGivesUp(t *testing.T) {
	f := newFake()
	f.failFirst = 100
	srv := httptest.NewServer(f)
	defer srv.Close()
	c := testClient(srv.URL, "")
	_, err := c.Query(context.Background(), []Query{{Name: "requests", Version: "2.30.0"}})
	var apiErr *APIError
	if !errors.Is(err, ErrUnavailable) || !errors.As(err, &apiErr) || apiErr.Status != 500 {
		t.Fatalf("err = %v", err)
	}
	if n := 100 - f.failFirst; n != 3 {
		t.Errorf("%d attempts, want 3 (1 + 2 retries)", n)
	}
}

func TestClientTimeout(t *testing.T) {
	f := newFake()
	f.slow = time.Second
	srv := httptest.NewServer(f)
	defer srv.Close()
	c := testClient(srv.URL, "")
	c.HTTP.Timeout = 50 * time.Millisecond
	c.Retries = 1
	start := time.Now()
	_, err := c.Query(context.Background(), []Query{{Name: "requests", Version: "2.30.0"}})
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("err = %v, want ErrUnavailable", err)
	}
	if d := time.Since(start); d > 900*time.Millisecond {
		t.Errorf("took %v", d)
	}
}

func TestClientNetworkDown(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	c := testClient(url, "")
	_, err := c.Query(context.Background(), []Query{{Name: "requests", Version: "2.30.0"}})
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("err = %v", err)
	}
}

func TestClientBadRequestNotRetried(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		http.Error(w, "bad", http.StatusBadRequest)
	}))
	defer srv.Close()
	_, err := testClient(srv.URL, "").Query(context.Background(), []Query{{Name: "a", Version: "1"}})
	if err == nil || errors.Is(err, ErrUnavailable) || calls.Load() != 1 {
		t.Errorf("err = %v after %d calls", err, calls.Load())
	}
}

func TestDownloadDB(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("PYSEC-2024-1.json")
	w.Write([]byte(newFake().vulns["PYSEC-2024-1"]))
	zw.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/PyPI/all.zip":
			w.Write(buf.Bytes())
		case "/broken.zip":
			w.Write([]byte("not a zip"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dest := CachedDBPath(t.TempDir())
	n, err := DownloadDB(context.Background(), srv.Client(), srv.URL+"/PyPI/all.zip", dest)
	if err != nil || n != 1 {
		t.Fatalf("DownloadDB = %d, %v", n, err)
	}
	db, bad, err := Load(dest)
	if err != nil || len(bad) != 0 || db.Len() != 1 {
		t.Fatalf("Load = %v %v %v", db, bad, err)
	}
	// A broken download leaves the old file in place.
	if _, err := DownloadDB(context.Background(), srv.Client(), srv.URL+"/broken.zip", dest); err == nil {
		t.Error("broken zip accepted")
	}
	if _, err := DownloadDB(context.Background(), srv.Client(), srv.URL+"/missing.zip", dest); !errors.Is(err, ErrUnavailable) {
		t.Errorf("404: %v", err)
	}
	if st, err := os.Stat(dest); err != nil || st.Size() != int64(buf.Len()) {
		t.Errorf("old database damaged: %v", err)
	}
	if m, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".download-*")); len(m) != 0 {
		t.Errorf("temporary files left: %v", m)
	}
}

// Detail requests run in parallel, never more than Concurrency at once.
func TestClientConcurrency(t *testing.T) {
	f := newFake()
	var inFlight, peak atomic.Int32
	inner := http.Handler(f)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/v1/vulns/") {
			n := inFlight.Add(1)
			defer inFlight.Add(-1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			time.Sleep(20 * time.Millisecond)
		}
		inner.ServeHTTP(w, r)
	}))
	defer srv.Close()
	c := testClient(srv.URL, "")
	c.Concurrency = 3
	if _, err := c.Query(context.Background(), []Query{{Name: "django", Version: "1.0"}, {Name: "requests", Version: "1.0"}}); err != nil {
		t.Fatal(err)
	}
	if p := peak.Load(); p < 2 || p > 3 {
		t.Errorf("peak of %d parallel detail requests, want 2 or 3", p)
	}
	if f.batchCalls.Load() != 1 {
		t.Errorf("%d batch calls, want 1", f.batchCalls.Load())
	}
}

// A 429 with Retry-After is retried after the server's delay.
func TestClientRetryAfter(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		w.Write([]byte(`{"results":[{}]}`))
	}))
	defer srv.Close()
	c := testClient(srv.URL, "")
	start := time.Now()
	res, err := c.Query(context.Background(), []Query{{Name: "a", Version: "1"}})
	if err != nil || len(res) != 1 || len(res[0]) != 0 {
		t.Fatalf("%v %v", res, err)
	}
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Errorf("retried after %v, want about 1s", d)
	}
}
