import os
import hashlib
import random
import secrets
from hashlib import sha1
from Crypto.Cipher import AES, DES, ARC4
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.asymmetric import rsa, ec
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from Crypto.Protocol.KDF import PBKDF2
from Crypto.Hash import SHA256
from Cryptodome.Hash import MD4 as DomeMD4, SHA as DomeSHA, SHA3_256 as DomeSHA3


def digests(data, password, salt, name):
    hashlib.md5(data)  # want: SG301
    sha1(data).hexdigest()  # want: SG301
    hashlib.new("md5", data)  # want: SG301
    hashlib.md5(data, usedforsecurity=False)  # ok: SG301
    hashlib.sha256(data)  # ok: SG301
    DomeMD4.new(data)  # want: SG301
    DomeSHA.new(data)  # want: SG301
    DomeSHA3.new(data)  # ok: SG301
    salt = os.urandom(hashlib.sha1().digest_size)  # ok: SG301
    hashlib.md5().block_size  # ok: SG301
    hashlib.sha1(salt).digest_size  # want: SG301
    DES.new(b"8bytekey", DES.MODE_ECB)  # want: SG302, SG303
    ARC4.new(b"key")  # want: SG302
    AES.new(b"k" * 16, AES.MODE_ECB)  # want: SG303
    AES.new(b"k" * 16, AES.MODE_GCM)  # ok: SG302, SG303
    Cipher(algorithms.AES(b"k" * 16), modes.ECB())  # want: SG303
    Cipher(algorithms.TripleDES(b"k" * 24), modes.CBC(b"i" * 8))  # want: SG302
    rsa.generate_private_key(public_exponent=65537, key_size=1024)  # want: SG304
    rsa.generate_private_key(public_exponent=65537, key_size=4096)  # ok: SG304
    ec.generate_private_key(ec.SECP192R1())  # want: SG304
    ec.generate_private_key(ec.SECP256R1())  # ok: SG304
    hashlib.pbkdf2_hmac("sha256", password, salt, 1000)  # want: SG306
    hashlib.pbkdf2_hmac("sha256", password, salt, 600_000)  # ok: SG306
    hashlib.pbkdf2_hmac("sha256", password, salt, 310_000)  # want: SG306
    hashlib.pbkdf2_hmac("SHA512", password, salt, 210_000)  # ok: SG306
    hashlib.pbkdf2_hmac("sha1", password, salt, 600_000)  # want: SG306
    hashlib.pbkdf2_hmac(name, password, salt, 250_000)  # ok: SG306
    hashlib.pbkdf2_hmac(name, password, salt, 150_000)  # want: SG306
    PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=480_000)  # want: SG306
    PBKDF2HMAC(hashes.SHA512(), 32, salt, 480_000)  # ok: SG306
    PBKDF2(password, salt, 32, count=1_000_000)  # want: SG306
    PBKDF2(password, salt, 32, count=1_000_000, hmac_hash_module=SHA256)  # ok: SG306


def make_tokens():
    reset_token = random.randint(100000, 999999)  # want: SG305
    session_key = "".join(random.choice("abcdef") for _ in range(16))  # want: SG305
    jitter = random.random()  # ok: SG305
    delay = random.uniform(0.1, 0.5)  # ok: SG305
    good = secrets.token_hex(16)  # ok: SG305
    return reset_token, session_key, jitter, delay, good


def generate_password():
    return "".join(random.choice("abc123") for _ in range(12))  # want: SG305


def press_key(screen, key):
    if random.random() > 0.75:  # ok: SG305
        screen.typo()
    while random.randint(0, 9) == 0:  # ok: SG305
        screen.pause()
    return random.choice("abcdef")  # want: SG305
