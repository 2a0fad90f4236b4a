package taint

// FixesOrigin exposes fixesOrigin to the tests.
var FixesOrigin = fixesOrigin
