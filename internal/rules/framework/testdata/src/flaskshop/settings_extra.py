SECRET_KEY = "from-a-python-config-file"  # want: SG703
MAX_CONTENT_LENGTH = 16 * 1024 * 1024
