// Package crypto holds the rules for weak hashes, ciphers, modes, key sizes,
// key derivation and randomness.
package crypto

import (
	"regexp"
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/ast"
)

// Rules returns the family's rules.
func Rules() []*analysis.Rule {
	return []*analysis.Rule{WeakHash, WeakCipher, ECBMode, WeakKeySize, InsecureRandom, WeakPBKDF2}
}

var weakHashNames = map[string]string{
	"hashlib.md5": "MD5", "hashlib.sha1": "SHA-1", "hashlib.md4": "MD4",
	"Crypto.Hash.MD5.new": "MD5", "Crypto.Hash.MD4.new": "MD4", "Crypto.Hash.MD2.new": "MD2", "Crypto.Hash.SHA.new": "SHA-1", "Crypto.Hash.SHA1.new": "SHA-1",
	"Cryptodome.Hash.MD5.new": "MD5", "Cryptodome.Hash.MD4.new": "MD4", "Cryptodome.Hash.MD2.new": "MD2", "Cryptodome.Hash.SHA.new": "SHA-1", "Cryptodome.Hash.SHA1.new": "SHA-1",
	"cryptography.hazmat.primitives.hashes.MD5": "MD5", "cryptography.hazmat.primitives.hashes.SHA1": "SHA-1",
}

// WeakHash finds MD5, MD4 and SHA-1 used where security may depend on them.
var WeakHash = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG301", Name: "weak-hash", CWE: []int{328},
		Severity: finding.Medium, Confidence: finding.MediumConfidence,
		Summary: "MD5, MD4 or SHA-1 used without usedforsecurity=False",
		Why: "Collisions for MD5 and SHA-1 can be computed cheaply, and both are fast enough to brute-force " +
			"passwords. Signatures, integrity checks, tokens and password storage built on them can be forged or cracked.",
		Vulnerable: "import hashlib\n\ndef password_digest(password: str) -> str:\n    return hashlib.md5(password.encode()).hexdigest()\n",
		Secure:     "import hashlib\nimport os\n\ndef password_digest(password: str) -> bytes:\n    salt = os.urandom(16)\n    return salt + hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)\n",
		Fix: "Use SHA-256 or better for integrity, HMAC for authentication, and scrypt/argon2/bcrypt or PBKDF2 with many " +
			"iterations for passwords. Where MD5/SHA-1 is needed for a non-security purpose (ETags, cache keys), say so with usedforsecurity=False.",
		References: []string{"https://cwe.mitre.org/data/definitions/328.html"},
		Aliases:    []string{"B303", "S303", "B324", "S324"},
		Tags:       []string{"crypto"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		var sizes map[*ast.Call]bool // built on the first weak hash
		for _, cs := range p.Unit.Calls() {
			algo, ok := weakHashNames[cs.Name]
			if !ok && (cs.Name == "hashlib.new") {
				if s, isConst := analysis.ConstString(m, analysis.Arg(cs.Call, 0, "name")); isConst {
					switch strings.ToLower(strings.ReplaceAll(s, "-", "")) {
					case "md5":
						algo, ok = "MD5", true
					case "sha1", "sha":
						algo, ok = "SHA-1", true
					case "md4":
						algo, ok = "MD4", true
					}
				}
			}
			if !ok {
				continue
			}
			if sizes == nil {
				sizes = sizeQueries(p.Unit)
			}
			if sizes[cs.Call] {
				continue
			}
			if u := analysis.Keyword(cs.Call, "usedforsecurity"); u != nil && analysis.IsFalse(m, u) {
				continue
			}
			p.Reportf(cs.Call, "%s is a broken hash; use SHA-256 or better (or usedforsecurity=False if this is not for security)", algo)
		}
	},
}

// sizeQueries returns the calls that only make an empty hash object to ask
// its digest_size, block_size or name (os.urandom(sha1().digest_size)):
// nothing is hashed.
func sizeQueries(u *analysis.Unit) map[*ast.Call]bool {
	out := map[*ast.Call]bool{}
	for _, n := range u.Nodes() {
		if a, ok := n.(*ast.Attribute); ok && (a.Attr == "digest_size" || a.Attr == "block_size" || a.Attr == "name") {
			if c, ok := a.Value.(*ast.Call); ok && len(c.Args) == 0 {
				out[c] = true
			}
		}
	}
	return out
}

var weakCiphers = map[string]string{
	"Crypto.Cipher.DES.new": "DES", "Crypto.Cipher.DES3.new": "Triple DES", "Crypto.Cipher.ARC4.new": "RC4", "Crypto.Cipher.ARC2.new": "RC2",
	"Crypto.Cipher.Blowfish.new": "Blowfish", "Crypto.Cipher.XOR.new": "XOR", "Crypto.Cipher.CAST.new": "CAST",
	"Cryptodome.Cipher.DES.new": "DES", "Cryptodome.Cipher.ARC4.new": "RC4", "Cryptodome.Cipher.Blowfish.new": "Blowfish",
	"cryptography.hazmat.primitives.ciphers.algorithms.ARC4": "RC4", "cryptography.hazmat.primitives.ciphers.algorithms.Blowfish": "Blowfish",
	"cryptography.hazmat.primitives.ciphers.algorithms.IDEA": "IDEA", "cryptography.hazmat.primitives.ciphers.algorithms.TripleDES": "Triple DES",
	"cryptography.hazmat.primitives.ciphers.algorithms.CAST5": "CAST5", "cryptography.hazmat.primitives.ciphers.algorithms.SEED": "SEED",
	"cryptography.hazmat.decrepit.ciphers.algorithms.ARC4": "RC4", "cryptography.hazmat.decrepit.ciphers.algorithms.TripleDES": "Triple DES",
	"cryptography.hazmat.decrepit.ciphers.algorithms.Blowfish": "Blowfish",
}

// WeakCipher finds broken or obsolete ciphers.
var WeakCipher = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG302", Name: "weak-cipher", CWE: []int{327},
		Severity: finding.High, Confidence: finding.HighConfidence,
		Summary: "DES, Triple DES, RC4, RC2, Blowfish, IDEA, CAST or XOR cipher",
		Why: "These ciphers have short keys, 64-bit blocks (Sweet32 collisions) or biased key streams. Data " +
			"encrypted with them can be recovered by an attacker who records enough ciphertext.",
		Vulnerable: "from Crypto.Cipher import DES\n\ndef seal(key: bytes, data: bytes) -> bytes:\n    return DES.new(key, DES.MODE_CBC).encrypt(data)\n",
		Secure:     "import os\nfrom cryptography.hazmat.primitives.ciphers.aead import AESGCM\n\ndef seal(key: bytes, data: bytes) -> bytes:\n    nonce = os.urandom(12)\n    return nonce + AESGCM(key).encrypt(nonce, data, None)\n",
		Fix:        "Use AES-GCM or ChaCha20-Poly1305 (authenticated encryption) with 128-bit or longer keys.",
		References: []string{"https://cwe.mitre.org/data/definitions/327.html"},
		Aliases:    []string{"B304", "S304", "B413"},
		Tags:       []string{"crypto"},
	},
	Run: func(p *analysis.Pass) {
		for _, cs := range p.Unit.Calls() {
			if algo, ok := weakCiphers[cs.Name]; ok {
				p.Reportf(cs.Call, "%s is a broken or obsolete cipher; use AES-GCM or ChaCha20-Poly1305", algo)
			}
		}
	},
}

// ECBMode finds block ciphers in ECB mode.
var ECBMode = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG303", Name: "cipher-ecb-mode", CWE: []int{327},
		Severity: finding.High, Confidence: finding.HighConfidence,
		Summary: "block cipher in ECB mode",
		Why: "ECB encrypts equal blocks to equal ciphertext, so patterns of the plaintext show through, and " +
			"blocks can be cut, reordered and replayed without the key.",
		Vulnerable: "from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes\n\ndef encryptor(key):\n    return Cipher(algorithms.AES(key), modes.ECB()).encryptor()\n",
		Secure:     "import os\nfrom cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes\n\ndef encryptor(key):\n    return Cipher(algorithms.AES(key), modes.GCM(os.urandom(12))).encryptor()\n",
		Fix:        "Use an authenticated mode (GCM) or an AEAD construction; never ECB for more than one block.",
		References: []string{"https://cwe.mitre.org/data/definitions/327.html"},
		Aliases:    []string{"B305", "S305"},
		Tags:       []string{"crypto"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			if cs.Name == "cryptography.hazmat.primitives.ciphers.modes.ECB" {
				p.Report(cs.Call, "ECB mode leaks plaintext patterns; use GCM")
				continue
			}
			if strings.HasSuffix(cs.Name, ".new") && (strings.HasPrefix(cs.Name, "Crypto.Cipher.") || strings.HasPrefix(cs.Name, "Cryptodome.Cipher.")) {
				mode := analysis.Arg(cs.Call, 1, "mode")
				if mode != nil && strings.HasSuffix(m.QualifiedName(mode), ".MODE_ECB") {
					p.Report(mode, "ECB mode leaks plaintext patterns; use MODE_GCM")
				}
			}
		}
	},
}

// WeakKeySize finds RSA/DSA keys under 2048 bits and weak EC curves.
var WeakKeySize = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG304", Name: "weak-key-size", CWE: []int{326},
		Severity: finding.High, Confidence: finding.HighConfidence,
		Summary: "RSA or DSA key shorter than 2048 bits, or an elliptic curve under 224 bits",
		Why: "1024-bit RSA and DSA keys are within reach of well-funded attackers and no longer accepted by NIST; " +
			"short curves give even less margin. Signatures can be forged and traffic decrypted.",
		Vulnerable: "from cryptography.hazmat.primitives.asymmetric import rsa\n\nkey = rsa.generate_private_key(public_exponent=65537, key_size=1024)\n",
		Secure:     "from cryptography.hazmat.primitives.asymmetric import rsa\n\nkey = rsa.generate_private_key(public_exponent=65537, key_size=3072)\n",
		Fix:        "Use RSA/DSA keys of at least 2048 bits (3072 for use beyond 2030) or curves such as P-256 or X25519/Ed25519.",
		References: []string{"https://cwe.mitre.org/data/definitions/326.html"},
		Aliases:    []string{"B505", "S505"},
		Tags:       []string{"crypto"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			var size ast.Expr
			switch cs.Name {
			case "cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key":
				size = analysis.Arg(cs.Call, 1, "key_size")
			case "cryptography.hazmat.primitives.asymmetric.dsa.generate_private_key":
				size = analysis.Arg(cs.Call, 0, "key_size")
			case "Crypto.PublicKey.RSA.generate", "Crypto.PublicKey.DSA.generate", "Cryptodome.PublicKey.RSA.generate", "Cryptodome.PublicKey.DSA.generate":
				size = analysis.Arg(cs.Call, 0, "bits")
			case "cryptography.hazmat.primitives.asymmetric.ec.generate_private_key":
				curve := analysis.Arg(cs.Call, 0, "curve")
				name := m.QualifiedName(curve)
				if c, ok := curve.(*ast.Call); ok {
					name = m.QualifiedName(c.Func)
				}
				if strings.HasSuffix(name, ".SECP192R1") || strings.HasSuffix(name, ".SECT163K1") || strings.HasSuffix(name, ".SECT163R2") {
					p.Reportf(curve, "curve %s is too small; use SECP256R1 or larger", name[strings.LastIndexByte(name, '.')+1:])
				}
				continue
			default:
				continue
			}
			v, ok := m.ConstValue(size)
			if !ok || v.Int == nil || !v.Int.IsInt64() {
				continue
			}
			if v.Int.Int64() < 2048 {
				p.Reportf(size, "%d-bit keys are too short; use at least 2048 bits", v.Int.Int64())
			}
		}
	},
}

var secretName = regexp.MustCompile(`(?i)(token|passw|secret|nonce|salt|otp|session|api_?key|auth|csrf|reset|verif|signature|private|credential|remember|(^|_)key($|_))`)

var randomFuncs = map[string]bool{
	"random.random": true, "random.randint": true, "random.randrange": true, "random.choice": true, "random.choices": true,
	"random.getrandbits": true, "random.sample": true, "random.randbytes": true, "random.uniform": true, "random.shuffle": true,
}

// InsecureRandom finds the random module used to make secrets.
var InsecureRandom = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG305", Name: "insecure-random-secret", CWE: []int{338},
		Guide:    []string{"pyscg-0038"},
		Severity: finding.High, Confidence: finding.MediumConfidence,
		Summary: "the random module used to make a token, password, key, session entry, cookie value or other secret",
		Why: "random is a Mersenne Twister: after 624 observed outputs its whole future (and past) can be computed. " +
			"Tokens, passwords, reset codes or nonces made with it can be predicted by anyone who sees a few of them. " +
			"Reported where a value of random (its functions or a random.Random instance; not SystemRandom) is named for a secret, " +
			"or reaches one through local names: a session entry, a cookie value, a key, salt or password argument, " +
			"or the return value of a function named for a secret. Simulations, sampling, shuffling and jitter are left alone.",
		Vulnerable: "import random\nimport string\n\ndef new_reset_token():\n    return \"\".join(random.choice(string.ascii_letters) for _ in range(32))\n",
		Secure:     "import secrets\n\ndef new_reset_token():\n    return secrets.token_urlsafe(32)\n",
		Fix:        "Use the secrets module (token_hex, token_urlsafe, choice) or os.urandom for anything secret.",
		References: []string{"https://cwe.mitre.org/data/definitions/338.html", "https://docs.python.org/3/library/secrets.html"},
		Aliases:    []string{"B311", "S311"},
		Tags:       []string{"crypto", "randomness"},
	},
	Run: func(p *analysis.Pass) {
		u := p.Unit
		var compared map[*ast.Call]bool // built on the first random call
		reported := map[int]bool{}
		anyWeak := false // a call weakRandomCall accepts: flows start only there
		for _, cs := range u.Calls() {
			name, weak := weakRandomCall(u, cs.Call)
			anyWeak = anyWeak || weak
			if !weak && randomFuncs[cs.Name] {
				name, weak = cs.Name, true
			}
			if !weak {
				continue
			}
			if compared == nil {
				compared = comparedCalls(u)
			}
			if compared[cs.Call] {
				continue
			}
			// Only where the surrounding names say the value is a secret.
			scope := u.Model().EnclosingScopeName(cs.Call.Pos())
			target := assignedName(u, cs.Call)
			secret := secretName.MatchString(target)
			if target == "" {
				secret = secretName.MatchString(lastName(scope))
			}
			if secret {
				p.Reportf(cs.Call, "%s() is predictable; use the secrets module for %s", name, describe(target, scope))
				if f := u.File(); f != nil {
					reported[f.Line(cs.Call.Pos())] = true
				}
			}
		}
		// Values of the generator that reach a secret through names.
		if anyWeak {
			weakRandomFlows(p, reported)
		}
	},
}

// comparedCalls returns the calls that are operands of a comparison:
// `if random.random() > 0.75:` makes a decision, not a secret.
func comparedCalls(u *analysis.Unit) map[*ast.Call]bool {
	out := map[*ast.Call]bool{}
	mark := func(e ast.Expr) {
		if call, ok := e.(*ast.Call); ok {
			out[call] = true
		}
	}
	for _, n := range u.Nodes() {
		if c, ok := n.(*ast.Compare); ok {
			mark(c.Left)
			for _, e := range c.Comparators {
				mark(e)
			}
		}
	}
	return out
}

func lastName(dotted string) string {
	if i := strings.LastIndexByte(dotted, '.'); i >= 0 {
		return dotted[i+1:]
	}
	return dotted
}

func describe(target, scope string) string {
	if secretName.MatchString(target) {
		return target
	}
	return lastName(scope) + "()"
}

// assignedName returns the name a call's value is assigned or returned to
// on its line (the target of `x = ... call ...`), or "".
func assignedName(u *analysis.Unit, call *ast.Call) string {
	name := ""
	ast.Inspect(u.Parse().Module, func(n ast.Node) bool {
		if n == nil || name != "" || n.Pos() > call.Pos() || n.End() < call.End() {
			return false
		}
		switch s := n.(type) {
		case *ast.Assign:
			if s.Value.Pos() <= call.Pos() && call.End() <= s.Value.End() {
				switch t := s.Targets[0].(type) {
				case *ast.Name:
					name = t.Id
				case *ast.Attribute:
					name = t.Attr
				case *ast.Subscript:
					if c, ok := t.Slice.(*ast.Constant); ok && c.Kind == ast.StrConst {
						name = c.Str
					}
				}
			}
		case *ast.AnnAssign:
			if t, ok := s.Target.(*ast.Name); ok && s.Value != nil {
				name = t.Id
			}
		case *ast.Keyword:
			if s.Arg != "" && s.Value.Pos() <= call.Pos() && call.End() <= s.Value.End() {
				name = s.Arg
			}
		}
		return true
	})
	return name
}

// pbkdf2Minimum is OWASP's Password Storage Cheat Sheet minimum of PBKDF2
// iterations per HMAC hash (the figures of its 2023 revision).
var pbkdf2Minimum = map[string]int64{"sha1": 1_300_000, "sha256": 600_000, "sha512": 210_000}

// pbkdf2Default applies when the hash is not known statically: the lowest
// of OWASP's figures, so that no finding depends on a guess.
const pbkdf2Default = 210_000

// pbkdf2Hash returns the lower-case hash name of a PBKDF2 call, or "".
func pbkdf2Hash(p *analysis.Pass, cs analysis.CallSite) string {
	m := p.Unit.Model()
	switch cs.Name {
	case "hashlib.pbkdf2_hmac":
		s, _ := analysis.ConstString(m, analysis.Arg(cs.Call, 0, "hash_name"))
		return strings.ReplaceAll(strings.ToLower(s), "-", "")
	case "cryptography.hazmat.primitives.kdf.pbkdf2.PBKDF2HMAC":
		if c, ok := analysis.Arg(cs.Call, 0, "algorithm").(*ast.Call); ok {
			q := m.QualifiedName(c.Func)
			return strings.ToLower(q[strings.LastIndexByte(q, '.')+1:])
		}
	case "Crypto.Protocol.KDF.PBKDF2", "Cryptodome.Protocol.KDF.PBKDF2":
		mod := analysis.Arg(cs.Call, 5, "hmac_hash_module")
		if mod == nil && analysis.Arg(cs.Call, 4, "prf") == nil {
			return "sha1" // PyCryptodome's default
		}
		q := m.QualifiedName(mod) // Crypto.Hash.SHA512
		return strings.ToLower(q[strings.LastIndexByte(q, '.')+1:])
	}
	return ""
}

// WeakPBKDF2 finds PBKDF2 with too few iterations.
var WeakPBKDF2 = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG306", Name: "weak-key-derivation", CWE: []int{916},
		Severity: finding.Medium, Confidence: finding.HighConfidence,
		Summary: "PBKDF2 with fewer iterations than OWASP's minimum (600,000 for SHA-256, 210,000 for SHA-512, 1,300,000 for SHA-1)",
		Why: "PBKDF2 slows password guessing only in proportion to its iteration count. A few thousand " +
			"iterations let a GPU test billions of guesses per day against a stolen hash; OWASP's minimums are set so " +
			"that one guess costs about as much as with its recommended memory-hard functions.",
		Vulnerable: "import hashlib\n\ndef derive(password: bytes, salt: bytes) -> bytes:\n    return hashlib.pbkdf2_hmac(\"sha256\", password, salt, 100_000)\n",
		Secure:     "import hashlib\n\ndef derive(password: bytes, salt: bytes) -> bytes:\n    return hashlib.pbkdf2_hmac(\"sha256\", password, salt, 600_000)\n",
		Fix:        "Use at least OWASP's iteration count for the hash: 600,000 for PBKDF2-HMAC-SHA256, 210,000 for SHA-512, 1,300,000 for SHA-1; or prefer argon2id or scrypt.",
		References: []string{"https://cwe.mitre.org/data/definitions/916.html", "https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#pbkdf2"},
		Tags:       []string{"crypto", "password"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			var it ast.Expr
			switch cs.Name {
			case "hashlib.pbkdf2_hmac":
				it = analysis.Arg(cs.Call, 3, "iterations")
			case "cryptography.hazmat.primitives.kdf.pbkdf2.PBKDF2HMAC":
				it = analysis.Arg(cs.Call, 3, "iterations")
			case "Crypto.Protocol.KDF.PBKDF2", "Cryptodome.Protocol.KDF.PBKDF2":
				it = analysis.Arg(cs.Call, 3, "count")
			default:
				continue
			}
			v, ok := m.ConstValue(it)
			if !ok || v.Int == nil || !v.Int.IsInt64() {
				continue
			}
			hash := pbkdf2Hash(p, cs)
			min, known := pbkdf2Minimum[hash]
			if !known {
				min = pbkdf2Default
			}
			if n := v.Int.Int64(); n < min {
				if known {
					p.Reportf(it, "%d PBKDF2-HMAC-%s iterations are below OWASP's minimum of %d", n, strings.ToUpper(hash), min)
				} else {
					p.Reportf(it, "%d PBKDF2 iterations are below OWASP's minimum for any hash (%d for SHA-512)", n, min)
				}
			}
		}
	},
}
