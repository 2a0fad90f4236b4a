package taint

// FixesOrigin exposes fixesOrigin to the tests.
var FixesOrigin = fixesOrigin

// PureBody exposes pureBody to the tests.
var PureBody = pureBody
