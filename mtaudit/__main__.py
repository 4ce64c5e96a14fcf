from mtaudit.cli import app

app(prog_name="mtaudit")
