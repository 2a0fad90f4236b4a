from fastapi import FastAPI

test_app = FastAPI()  # ok: SG732

from flask import Flask

flask_test_app = Flask(__name__)  # ok: SG730
flask_test_app.config["DEBUG"] = True  # ok: SG701
flask_test_app.config["SECRET_KEY"] = "test-only-key"  # ok: SG703
flask_test_app.run(debug=True)  # ok: SG701
