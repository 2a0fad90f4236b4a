package taint

// FixesOrigin exposes fixesOrigin to the tests.
var FixesOrigin = fixesOrigin

// PureBody exposes pureBody to the tests.
var PureBody = pureBody

// BySuffix finds, among keys, the one a dotted name is a suffix of (see
// project.bySuffix).
func BySuffix(keys []string, name string) (string, bool) {
	p := &project{byTail: map[string][]*function{}}
	for _, k := range keys {
		p.indexTail(&function{Key: k})
	}
	return p.bySuffix(name)
}
