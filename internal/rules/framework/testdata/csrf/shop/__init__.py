from flask import Flask

from api import orders

app = Flask(__name__)  # want: SG723
app.register_blueprint(orders)
