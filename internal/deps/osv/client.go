package osv

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"golang.org/x/sync/errgroup"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/snakeguard/snakeguard/internal/deps/pep508"
)

// Defaults of the OSV web API client.
const (
	DefaultAPI         = "https://api.osv.dev"
	DefaultDBURL       = "https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip"
	DefaultTTL         = 24 * time.Hour
	DefaultTimeout     = 30 * time.Second
	DefaultConcurrency = 8
	// batchLimit is the most queries OSV accepts in one querybatch call.
	batchLimit = 1000
	// maxPages bounds the pagination of one batch.
	maxPages = 50
	// maxResponse bounds one API response body.
	maxResponse = 64 << 20
)

// ErrUnavailable wraps every failure to reach the OSV service (network
// errors, timeouts, server errors after retries), so that a caller can
// suggest working offline.
var ErrUnavailable = errors.New("vulnerability service unavailable")

// Client queries the OSV web API (https://google.github.io/osv.dev/api/):
// one batch query for all packages, then the details of each advisory.
// Responses are cached on disk.
type Client struct {
	BaseURL     string        // DefaultAPI if empty
	HTTP        *http.Client  // a client with DefaultTimeout if nil
	CacheDir    string        // "" turns the cache off
	TTL         time.Duration // how long cached answers stay valid
	Concurrency int           // parallel detail requests
	Retries     int           // extra attempts on network errors, 5xx and 429
	Backoff     time.Duration // first wait between attempts; doubles each time
	Now         func() time.Time
}

// DefaultCacheDir returns the user cache directory for OSV data,
// e.g. ~/.cache/snakeguard/osv.
func DefaultCacheDir() (string, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "snakeguard", "osv"), nil
}

// NewClient returns a client with the defaults and the user cache.
func NewClient(baseURL string) *Client {
	dir, _ := DefaultCacheDir()
	return &Client{
		BaseURL:     baseURL,
		HTTP:        &http.Client{Timeout: DefaultTimeout},
		CacheDir:    dir,
		TTL:         DefaultTTL,
		Concurrency: DefaultConcurrency,
		Retries:     3,
		Backoff:     500 * time.Millisecond,
	}
}

func (c *Client) base() string {
	if c.BaseURL == "" {
		return DefaultAPI
	}
	return strings.TrimRight(c.BaseURL, "/")
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Client) http() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return &http.Client{Timeout: DefaultTimeout}
}

// Name says where the advisories come from.
func (c *Client) Name() string {
	if u, err := url.Parse(c.base()); err == nil && u.Host != "" {
		return "OSV API (" + u.Host + ")"
	}
	return "OSV API"
}

// batch request and response shapes of /v1/querybatch.
type batchQuery struct {
	Package   Package `json:"package"`
	Version   string  `json:"version,omitempty"`
	PageToken string  `json:"page_token,omitempty"`
}

type batchResponse struct {
	Results []struct {
		Vulns []struct {
			ID       string `json:"id"`
			Modified string `json:"modified"`
		} `json:"vulns"`
		NextPageToken string `json:"next_page_token"`
	} `json:"results"`
}

// ref is an advisory id with its modification time.
type ref struct {
	ID       string `json:"id"`
	Modified string `json:"modified"`
}

// Query implements Source: one batch query (plus pagination) for the ids,
// then the details of every id not already cached, in parallel.
func (c *Client) Query(ctx context.Context, qs []Query) ([][]*Vulnerability, error) {
	refs := make([][]ref, len(qs))
	var todo []int
	for i, q := range qs {
		if r, ok := c.cachedQuery(q); ok {
			refs[i] = r
		} else {
			todo = append(todo, i)
		}
	}
	for start := 0; start < len(todo); start += batchLimit {
		chunk := todo[start:min(start+batchLimit, len(todo))]
		if err := c.queryBatch(ctx, qs, chunk, refs); err != nil {
			return nil, err
		}
		for _, i := range chunk {
			c.storeQuery(qs[i], refs[i])
		}
	}
	details, err := c.fetchDetails(ctx, refs)
	if err != nil {
		return nil, err
	}
	out := make([][]*Vulnerability, len(qs))
	for i, rs := range refs {
		for _, r := range rs {
			if v := details[r.ID]; v != nil {
				out[i] = append(out[i], v)
			}
		}
	}
	return out, nil
}

func (c *Client) queryBatch(ctx context.Context, qs []Query, chunk []int, refs [][]ref) error {
	tokens := make(map[int]string, len(chunk))
	pending := chunk
	for page := 0; len(pending) > 0; page++ {
		if page == maxPages {
			return fmt.Errorf("OSV querybatch: more than %d pages of results", maxPages)
		}
		body := struct {
			Queries []batchQuery `json:"queries"`
		}{}
		for _, i := range pending {
			body.Queries = append(body.Queries, batchQuery{
				Package:   Package{Name: qs[i].Name, Ecosystem: Ecosystem},
				Version:   qs[i].Version,
				PageToken: tokens[i],
			})
		}
		data, err := json.Marshal(body)
		if err != nil {
			return err
		}
		resp, err := c.do(ctx, http.MethodPost, c.base()+"/v1/querybatch", data)
		if err != nil {
			return err
		}
		var br batchResponse
		if err := json.Unmarshal(resp, &br); err != nil {
			return fmt.Errorf("OSV querybatch: decode response: %w", err)
		}
		if len(br.Results) != len(pending) {
			return fmt.Errorf("OSV querybatch: %d results for %d queries", len(br.Results), len(pending))
		}
		var next []int
		for k, res := range br.Results {
			i := pending[k]
			for _, v := range res.Vulns {
				refs[i] = append(refs[i], ref{ID: v.ID, Modified: v.Modified})
			}
			if res.NextPageToken != "" {
				tokens[i] = res.NextPageToken
				next = append(next, i)
			}
		}
		pending = next
	}
	return nil
}

func (c *Client) fetchDetails(ctx context.Context, refs [][]ref) (map[string]*Vulnerability, error) {
	want := map[string]string{}
	for _, rs := range refs {
		for _, r := range rs {
			if r.Modified > want[r.ID] || want[r.ID] == "" {
				want[r.ID] = r.Modified
			}
		}
	}
	var mu sync.Mutex
	out := make(map[string]*Vulnerability, len(want))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(max(c.Concurrency, 1))
	for id, modified := range want {
		if v, ok := c.cachedVuln(id, modified); ok {
			out[id] = v
			continue
		}
		g.Go(func() error {
			data, err := c.do(gctx, http.MethodGet, c.base()+"/v1/vulns/"+url.PathEscape(id), nil)
			if err != nil {
				return err
			}
			v, err := ParseJSON(data)
			if err != nil {
				return fmt.Errorf("OSV advisory %s: %w", id, err)
			}
			c.store(filepath.Join("vulns", safeName(id)+".json"), data)
			mu.Lock()
			out[id] = v
			mu.Unlock()
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return out, nil
}

// APIError is a non-success HTTP status from the service.
type APIError struct {
	Method, URL string
	Status      int
	Body        string
}

func (e *APIError) Error() string {
	return fmt.Sprintf("%s %s: HTTP %d %s", e.Method, e.URL, e.Status, e.Body)
}

// do sends one request, retrying network errors, 5xx and 429 with
// exponential backoff (or the server's Retry-After).
func (c *Client) do(ctx context.Context, method, u string, body []byte) ([]byte, error) {
	var last error
	for attempt := 0; ; attempt++ {
		data, retryAfter, err := c.once(ctx, method, u, body)
		if err == nil {
			return data, nil
		}
		last = err
		var apiErr *APIError
		retriable := !errors.As(err, &apiErr) || apiErr.Status >= 500 || apiErr.Status == http.StatusTooManyRequests
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%w: %w", ErrUnavailable, ctx.Err())
		}
		if !retriable {
			return nil, err
		}
		if attempt >= c.Retries {
			break
		}
		wait := c.Backoff << attempt
		if retryAfter > 0 {
			wait = min(retryAfter, 30*time.Second)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("%w: %w", ErrUnavailable, ctx.Err())
		case <-time.After(wait):
		}
	}
	return nil, fmt.Errorf("%w: %w", ErrUnavailable, last)
}

func (c *Client) once(ctx context.Context, method, u string, body []byte) ([]byte, time.Duration, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return nil, 0, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	resp, err := c.http().Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return nil, 0, err
	}
	if resp.StatusCode/100 != 2 {
		var wait time.Duration
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 {
			wait = time.Duration(s) * time.Second
		}
		return nil, wait, &APIError{Method: method, URL: u, Status: resp.StatusCode, Body: strings.TrimSpace(string(data[:min(len(data), 200)]))}
	}
	return data, 0, nil
}

// Cache layout under CacheDir: query/<hash>.json holds the ids found for
// one package version, vulns/<id>.json one advisory as the API sent it.

func queryKey(q Query) string {
	h := sha256.Sum256([]byte(pep508.NormalizeName(q.Name) + "\x00" + q.Version))
	return hex.EncodeToString(h[:16])
}

func safeName(id string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r == 0 {
			return '_'
		}
		return r
	}, id)
}

func (c *Client) fresh(path string) ([]byte, bool) {
	if c.CacheDir == "" {
		return nil, false
	}
	st, err := os.Stat(path)
	if err != nil || c.now().Sub(st.ModTime()) > c.TTL {
		return nil, false
	}
	data, err := os.ReadFile(path)
	return data, err == nil
}

func (c *Client) cachedQuery(q Query) ([]ref, bool) {
	data, ok := c.fresh(filepath.Join(c.CacheDir, "query", queryKey(q)+".json"))
	if !ok {
		return nil, false
	}
	var rs []ref
	if json.Unmarshal(data, &rs) != nil {
		return nil, false
	}
	return rs, true
}

func (c *Client) storeQuery(q Query, rs []ref) {
	if rs == nil {
		rs = []ref{}
	}
	data, err := json.Marshal(rs)
	if err == nil {
		c.store(filepath.Join("query", queryKey(q)+".json"), data)
	}
}

// cachedVuln returns a cached advisory that is as new as modified, or,
// when modified is unknown, one younger than the TTL.
func (c *Client) cachedVuln(id, modified string) (*Vulnerability, bool) {
	if c.CacheDir == "" {
		return nil, false
	}
	path := filepath.Join(c.CacheDir, "vulns", safeName(id)+".json")
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, false
	}
	v, err := ParseJSON(data)
	if err != nil {
		return nil, false
	}
	if modified != "" && v.Modified != "" {
		return v, v.Modified >= modified
	}
	_, ok := c.fresh(path)
	return v, ok
}

// store writes a cache file atomically; failures only cost a later refetch.
func (c *Client) store(rel string, data []byte) {
	if c.CacheDir == "" {
		return
	}
	path := filepath.Join(c.CacheDir, rel)
	if os.MkdirAll(filepath.Dir(path), 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), path) != nil {
		os.Remove(tmp.Name())
	}
}

// CachedDBPath is where DownloadDB stores the PyPI export.
func CachedDBPath(cacheDir string) string {
	return filepath.Join(cacheDir, "PyPI-all.zip")
}

// DownloadDB fetches an OSV zip export from url into dest, replacing it
// only once the new file is complete and opens as a zip with at least one
// advisory. It returns the number of advisory files in it.
func DownloadDB(ctx context.Context, client *http.Client, url, dest string) (int, error) {
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Minute}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("%w: GET %s: HTTP %d", ErrUnavailable, url, resp.StatusCode)
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return 0, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(dest), ".download-*.zip")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, resp.Body); err != nil {
		tmp.Close()
		return 0, fmt.Errorf("%w: download %s: %w", ErrUnavailable, url, err)
	}
	if err := tmp.Close(); err != nil {
		return 0, err
	}
	zr, err := zip.OpenReader(tmp.Name())
	if err != nil {
		return 0, fmt.Errorf("download %s: not a zip file: %w", url, err)
	}
	n := 0
	for _, f := range zr.File {
		if isAdvisoryFile(f.Name) {
			n++
		}
	}
	zr.Close()
	if n == 0 {
		return 0, fmt.Errorf("download %s: no advisories in the zip", url)
	}
	if err := os.Rename(tmp.Name(), dest); err != nil {
		return 0, err
	}
	return n, nil
}
