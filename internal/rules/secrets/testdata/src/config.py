import os

DB_PASSWORD = "Summer2024!"  # want: SG401
API_KEY = os.environ["API_KEY"]  # ok: SG401
password = ""  # ok: SG401
PASSWORD_FIELD = "password"  # ok: SG401
token_url = "https://auth.example.com/token"  # ok: SG401
settings = {"password": "hunter2-prod"}  # want: SG401
settings_env = {"password": os.getenv("PW")}  # ok: SG401
AWS_KEY_ID = "AKIAZ7Q2MPLEK4KEYSXQ"  # want: SG402
GITHUB = "ghp_" + "x"  # ok: SG402
GH_TOKEN = "ghp_0123456789abcdefghijABCDEFGHIJ012345"  # want: SG401, SG402
PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----"  # want: SG402
PEM_MARKER = b"-----BEGIN OPENSSH PRIVATE KEY-----"  # ok: SG402
EXAMPLE_KEY = "AKIAIOSFODNN7EXAMPLE"  # ok: SG402
placeholder_secret = "<your-secret-here>"  # ok: SG401


def connect(user, password="changeme123"):  # want: SG401
    return db_connect(user=user, password="p@ssw0rd-live")  # want: SG401


def login(password):
    if password == "letmein-2024":  # want: SG401
        return True
    return db_connect(password=password)  # ok: SG401
