package codequality

import (
	"regexp"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// boundCall returns the qualified name of the call that the name n was
// bound to, by `n = f(...)` or `with f(...) as n`, when every binding
// agrees; "" otherwise.
func boundCall(m *semantic.Model, n *ast.Name) string {
	q := ""
	for _, b := range m.Lookup(n.Id, n.Pos()) {
		var c *ast.Call
		switch b.Kind {
		case semantic.AssignBinding:
			c, _ = b.Value.(*ast.Call)
		case semantic.OtherBinding:
			c, _ = b.ContextExpr().(*ast.Call)
		}
		if c == nil {
			return ""
		}
		bq := m.QualifiedName(c.Func)
		if bq == "" || (q != "" && bq != q) {
			return ""
		}
		q = bq
	}
	return q
}

// lockTypes are the classes whose acquire() must be paired with release().
var lockTypes = map[string]bool{
	"threading.Lock": true, "threading.RLock": true, "threading.Semaphore": true, "threading.BoundedSemaphore": true,
	"threading.Condition": true, "multiprocessing.Lock": true, "multiprocessing.RLock": true,
	"multiprocessing.Semaphore": true, "multiprocessing.BoundedSemaphore": true, "_thread.allocate_lock": true,
}

// lockName matches receivers named like a lock: lock, _lock, self.write_lock, mutex, sem.
var lockName = regexp.MustCompile(`(?i)(^|_)(lock|rlock|mutex|sem|semaphore)$`)

// isLock reports whether e is a lock object.
func isLock(m *semantic.Model, e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Name:
		if q := boundCall(m, e); q != "" {
			return lockTypes[q]
		}
		return lockName.MatchString(e.Id)
	case *ast.Attribute:
		return lockName.MatchString(e.Attr)
	}
	return false
}

// releases reports whether the statements call release() on the receiver
// spelled recv.
func releases(f func(ast.Node) string, body []ast.Stmt, recv string) bool {
	found := false
	for _, s := range body {
		ast.Inspect(s, func(n ast.Node) bool {
			if c, ok := n.(*ast.Call); ok {
				if a, ok := c.Func.(*ast.Attribute); ok && a.Attr == "release" && f(a.Value) == recv {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// LockWithoutFinally finds lock.acquire() not protected by try/finally.
var LockWithoutFinally = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG816", Name: "lock-acquire-without-finally", CWE: []int{460, 667},
		Guide:    []string{"pyscg-0052"},
		Severity: finding.Medium, Confidence: finding.MediumConfidence,
		Summary: "lock acquired with acquire() without a with statement or a try/finally that releases it",
		Why: "If anything between acquire() and release() raises, release() never runs and the lock stays held: " +
			"every other thread that needs it blocks for ever. One malformed request can hang a whole service this way.",
		Vulnerable: "import threading\n\nlock = threading.Lock()\n\ndef update(state, key, value):\n    lock.acquire()\n    state[key] = parse(value)\n    lock.release()\n",
		Secure:     "import threading\n\nlock = threading.Lock()\n\ndef update(state, key, value):\n    with lock:\n        state[key] = parse(value)\n",
		Fix:        "Use `with lock:`; where acquire() is needed (a timeout), follow it directly with try: ... finally: lock.release().",
		References: []string{"https://docs.python.org/3/library/threading.html#using-locks-conditions-and-semaphores-in-the-with-statement", "https://cwe.mitre.org/data/definitions/460.html"},
		Tags:       []string{"concurrency", "error-handling"},
	},
	Run: func(p *analysis.Pass) {
		f := p.Unit.File()
		if f == nil {
			return
		}
		m := p.Unit.Model()
		text := func(n ast.Node) string { return f.Text(int32(n.Pos()), int32(n.End())) }
		// An acquire() in a finally block restores a lock that the try body
		// released (a condition variable's wait); it is not a new critical section.
		var finals [][2]int
		p.Unit.EachNode(func(n ast.Node) {
			if t, ok := n.(*ast.Try); ok && len(t.Finalbody) > 0 {
				finals = append(finals, [2]int{t.Finalbody[0].Pos(), t.Finalbody[len(t.Finalbody)-1].End()})
			}
		})
		inFinally := func(pos int) bool {
			for _, r := range finals {
				if r[0] <= pos && pos < r[1] {
					return true
				}
			}
			return false
		}
		// scope is the body of the innermost function (or the module): an
		// acquire() is judged only where that body also releases the lock;
		// helpers that only acquire hand the release to their callers.
		var visit func(body []ast.Stmt, guarded []string, scope []ast.Stmt)
		visit = func(body []ast.Stmt, guarded []string, scope []ast.Stmt) {
			for i, s := range body {
				if es, ok := s.(*ast.ExprStmt); ok {
					if c, ok := es.Value.(*ast.Call); ok {
						if a, ok := c.Func.(*ast.Attribute); ok && a.Attr == "acquire" && isLock(m, a.Value) {
							recv := text(a.Value)
							next := i+1 < len(body)
							var t *ast.Try
							if next {
								t, _ = body[i+1].(*ast.Try)
							}
							safe := t != nil && releases(text, t.Finalbody, recv)
							// acquire(); release() in a row waits for the lock and holds nothing.
							safe = safe || (next && releases(text, body[i+1:i+2], recv) && isExprCall(body[i+1]))
							for _, g := range guarded {
								safe = safe || g == recv
							}
							if !safe && !inFinally(c.Pos()) && releases(text, scope, recv) {
								p.Reportf(c, "%s.acquire() is not followed by try/finally: an exception leaves the lock held", recv)
							}
						}
					}
				}
				forEachBody(s, func(b []ast.Stmt, t *ast.Try) {
					g, sc := guarded, scope
					if fd, ok := s.(*ast.FunctionDef); ok {
						g, sc = nil, fd.Body
					}
					if t != nil {
						for _, fs := range t.Finalbody {
							ast.Inspect(fs, func(n ast.Node) bool {
								if c, ok := n.(*ast.Call); ok {
									if a, ok := c.Func.(*ast.Attribute); ok && a.Attr == "release" {
										g = append(g[:len(g):len(g)], text(a.Value))
									}
								}
								return true
							})
						}
					}
					visit(b, g, sc)
				})
			}
		}
		visit(p.Unit.Parse().Module.Body, nil, p.Unit.Parse().Module.Body)
	},
}

func isExprCall(s ast.Stmt) bool {
	es, ok := s.(*ast.ExprStmt)
	if !ok {
		return false
	}
	_, ok = es.Value.(*ast.Call)
	return ok
}

// forEachBody calls f with each statement list nested in s, function and
// class bodies included; for the body of a try statement it passes the try,
// so callers can see its finally.
func forEachBody(s ast.Stmt, f func([]ast.Stmt, *ast.Try)) {
	switch s := s.(type) {
	case *ast.FunctionDef:
		f(s.Body, nil)
	case *ast.ClassDef:
		f(s.Body, nil)
	default:
		ast.EachBody(s, f)
	}
}

// executorTypes are pools whose submit() returns a Future that holds the
// task's exception.
var executorTypes = map[string]bool{
	"concurrent.futures.ThreadPoolExecutor": true, "concurrent.futures.ProcessPoolExecutor": true,
	"concurrent.futures.thread.ThreadPoolExecutor": true, "concurrent.futures.process.ProcessPoolExecutor": true,
}

// FutureIgnored finds executor.submit(...) whose Future is dropped.
var FutureIgnored = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG817", Name: "executor-future-discarded", CWE: []int{392},
		Guide:    []string{"pyscg-0030"},
		Severity: finding.Low, Confidence: finding.HighConfidence,
		Summary: "Future returned by ThreadPoolExecutor/ProcessPoolExecutor.submit() is discarded, so the task's exception is lost",
		Why: "An exception raised by a submitted task is stored in its Future and raised only when someone calls " +
			"result() or exception(). A task whose Future is thrown away fails silently: the audit record is not written, " +
			"the revocation is not sent, and nothing says so.",
		Vulnerable: "from concurrent.futures import ThreadPoolExecutor\n\ndef revoke_all(tokens):\n    with ThreadPoolExecutor(max_workers=4) as pool:\n        for t in tokens:\n            pool.submit(revoke, t)\n",
		Secure:     "from concurrent.futures import ThreadPoolExecutor\n\ndef revoke_all(tokens):\n    with ThreadPoolExecutor(max_workers=4) as pool:\n        futures = [pool.submit(revoke, t) for t in tokens]\n    for f in futures:\n        f.result()\n",
		Fix:        "Keep the futures and call result() on each (or use executor.map and consume it), or add a done callback that logs exceptions.",
		References: []string{"https://docs.python.org/3/library/concurrent.futures.html#concurrent.futures.Executor.submit", "https://cwe.mitre.org/data/definitions/392.html"},
		Tags:       []string{"concurrency", "error-handling"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		p.Unit.EachNode(func(n ast.Node) {
			es, ok := n.(*ast.ExprStmt)
			if !ok {
				return
			}
			c, ok := es.Value.(*ast.Call)
			if !ok {
				return
			}
			a, ok := c.Func.(*ast.Attribute)
			if !ok || a.Attr != "submit" {
				return
			}
			recv, ok := a.Value.(*ast.Name)
			if !ok {
				return
			}
			if q := boundCall(m, recv); executorTypes[q] {
				p.Reportf(c, "the Future of %s.submit() is discarded; an exception in the task is never seen", recv.Id)
			}
		})
	},
}

// moneyWords are identifier words that name an amount of money.
var moneyWords = map[string]bool{
	"price": true, "prices": true, "balance": true, "salary": true, "fee": true, "fees": true, "payment": true,
	"money": true, "cash": true, "refund": true, "subtotal": true, "revenue": true, "wage": true, "wages": true,
	"invoice": true, "tax": true, "vat": true, "amount": true, "usd": true, "eur": true,
}

// moneyExclude are words that make a money-looking name a non-money
// quantity (price_ratio, amount_percent, tax_rate).
var moneyExclude = map[string]bool{
	"ratio": true, "rate": true, "percent": true, "percentage": true, "pct": true, "factor": true, "weight": true,
	"count": true, "score": true, "id": true, "index": true, "idx": true, "time": true, "seconds": true,
}

func isMoneyName(s string) bool {
	words := identWords(s)
	money := false
	for _, w := range words {
		if moneyExclude[w] {
			return false
		}
		money = money || moneyWords[w]
	}
	return money
}

// FloatMoney finds float() conversions stored under money names.
var FloatMoney = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG818", Name: "float-for-money", CWE: []int{1339},
		Guide:    []string{"pyscg-0001"},
		Severity: finding.Low, Confidence: finding.MediumConfidence,
		Summary: "amount of money (price, balance, fee, ...) converted with float()",
		Why: "Binary floats cannot hold most decimal fractions: 0.1 + 0.2 is 0.30000000000000004 and summing 0.01 a " +
			"thousand times gives 9.999999999999831. Balances, prices and fees kept as floats drift, compare unequal to " +
			"the amounts they should equal, and round differently from the accounting rules.",
		Vulnerable: "def charge(form, account):\n    price = float(form[\"price\"])\n    account.balance -= price\n",
		Secure:     "from decimal import Decimal\n\ndef charge(form, account):\n    price = Decimal(form[\"price\"])\n    account.balance -= price\n",
		Fix:        "Use decimal.Decimal built from the text (or integer minor units such as cents) for money.",
		References: []string{"https://docs.python.org/3/library/decimal.html", "https://docs.python.org/3/tutorial/floatingpoint.html", "https://cwe.mitre.org/data/definitions/1339.html"},
		Tags:       []string{"numbers"},
	},
	Run: func(p *analysis.Pass) {
		if analysis.IsTestPath(p.Unit.Path) {
			return // tests convert amounts to float to compare with JSON output
		}
		m := p.Unit.Model()
		isFloatCall := func(e ast.Expr) bool {
			c, ok := e.(*ast.Call)
			return ok && len(c.Args) == 1 && m.QualifiedName(c.Func) == "float"
		}
		report := func(target string, value ast.Expr) {
			if isFloatCall(value) && isMoneyName(target) {
				p.Reportf(value, "%s is converted with float(); use Decimal for money", target)
			}
		}
		p.Unit.EachNode(func(n ast.Node) {
			switch n := n.(type) {
			case *ast.Assign:
				for _, t := range n.Targets {
					report(targetName(m, t), n.Value)
				}
			case *ast.AnnAssign:
				if n.Value != nil {
					report(targetName(m, n.Target), n.Value)
				}
			case *ast.Call:
				for _, k := range n.Keywords {
					report(k.Arg, k.Value)
				}
			case *ast.Dict:
				for i, k := range n.Keys {
					if s, ok := analysis.ConstString(m, k); ok {
						report(s, n.Values[i])
					}
				}
			}
		})
	},
}

// targetName is the identifier an assignment target names: x, self.x or d["x"].
func targetName(m *semantic.Model, t ast.Expr) string {
	switch t := t.(type) {
	case *ast.Name:
		return t.Id
	case *ast.Attribute:
		return t.Attr
	case *ast.Subscript:
		s, _ := analysis.ConstString(m, t.Slice)
		return s
	}
	return ""
}

// mutators are list, set and dict methods that remove from the
// collection. Appending to a list while iterating it is well defined (a
// work list), and growing a dict or set fails loudly with RuntimeError;
// removals are what silently skip elements.
var mutators = map[string]bool{
	"remove": true, "pop": true, "discard": true, "clear": true, "popitem": true,
}

// ModifiedWhileIterating finds loops that change the collection they
// iterate over.
var ModifiedWhileIterating = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG819", Name: "collection-modified-while-iterating", CWE: []int{1095},
		Guide:    []string{"pyscg-0031"},
		Severity: finding.Low, Confidence: finding.HighConfidence,
		Summary: "for loop removes items from the list, set or dict it iterates over",
		Why: "Removing from a list while iterating over it skips the element after each removal; adding can loop for " +
			"ever; changing a dict or set raises RuntimeError part-way. A clean-up loop that revokes sessions or deletes " +
			"expired grants this way leaves some of them in place without any error.",
		Vulnerable: "def drop_expired(sessions, now):\n    for s in sessions:\n        if s.expires < now:\n            sessions.remove(s)\n",
		Secure:     "def drop_expired(sessions, now):\n    sessions[:] = [s for s in sessions if s.expires >= now]\n",
		Fix:        "Iterate over a copy (list(items), items.copy(), items[:]) or build a new collection.",
		References: []string{"https://docs.python.org/3/tutorial/controlflow.html#for-statements", "https://cwe.mitre.org/data/definitions/1095.html"},
		Aliases:    []string{"B909"},
		Tags:       []string{"correctness"},
	},
	Run: func(p *analysis.Pass) {
		p.Unit.EachNode(func(n ast.Node) {
			loop, ok := n.(*ast.For)
			if !ok {
				return
			}
			name := iteratedName(loop.Iter)
			if name == "" || name == "self" || name == "cls" || rebinds(loop.Body, name) {
				return
			}
			if mut := mutatesName(loop.Body, name); mut != nil {
				p.Reportf(mut, "%s is changed while the loop iterates over it; iterate over a copy", name)
			}
		})
	},
}

// iteratedName returns the variable a loop iterates over directly: x,
// x.keys(), x.values(), x.items(); "" for copies and other expressions.
func iteratedName(e ast.Expr) string {
	if c, ok := e.(*ast.Call); ok && len(c.Args) == 0 {
		if a, ok := c.Func.(*ast.Attribute); ok && (a.Attr == "keys" || a.Attr == "values" || a.Attr == "items") {
			e = a.Value
		}
	}
	if n, ok := e.(*ast.Name); ok {
		return n.Id
	}
	return ""
}

// rebinds reports whether the statements assign the name anew (the loop
// then goes on over the old object).
func rebinds(body []ast.Stmt, name string) bool {
	found := false
	inspectFlat(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Assign:
			for _, t := range n.Targets {
				found = found || isName(t, name)
			}
		case *ast.AnnAssign:
			found = found || isName(n.Target, name)
		case *ast.AugAssign:
			found = found || isName(n.Target, name)
		}
		return !found
	})
	return found
}

// mutatesName returns the first call or del in body that changes the
// variable name, stopping at a break or return right after it (changing
// and then leaving the loop is safe) and at rebinding of the name.
func mutatesName(body []ast.Stmt, name string) ast.Node {
	for i, s := range body {
		var hit ast.Node
		ast.Inspect(s, func(n ast.Node) bool {
			if hit != nil {
				return false
			}
			switch n := n.(type) {
			case *ast.FunctionDef, *ast.ClassDef, *ast.Lambda:
				return false
			case *ast.Call:
				if a, ok := n.Func.(*ast.Attribute); ok && mutators[a.Attr] && isName(a.Value, name) {
					hit = n
				}
			case *ast.Delete:
				for _, t := range n.Targets {
					if sub, ok := t.(*ast.Subscript); ok && isName(sub.Value, name) {
						hit = n
					}
				}
			}
			return hit == nil
		})
		if hit == nil {
			continue
		}
		if leavesAfter(body[i:], hit) {
			return nil
		}
		return hit
	}
	return nil
}

// leavesAfter reports whether the statement list that holds the change
// leaves the loop right after it (break or return).
func leavesAfter(body []ast.Stmt, hit ast.Node) bool {
	for i, s := range body {
		if s.Pos() <= hit.Pos() && hit.End() <= s.End() {
			if s == hit || isStmtOf(s, hit) {
				if i+1 < len(body) {
					switch body[i+1].(type) {
					case *ast.Break, *ast.Return:
						return true
					}
				}
				return false
			}
			var inner bool
			forEachBody(s, func(b []ast.Stmt, _ *ast.Try) {
				inner = inner || leavesAfter(b, hit)
			})
			return inner
		}
	}
	return false
}

// isStmtOf reports whether s is an expression statement of the call hit.
func isStmtOf(s ast.Stmt, hit ast.Node) bool {
	es, ok := s.(*ast.ExprStmt)
	return ok && ast.Node(es.Value) == hit
}
