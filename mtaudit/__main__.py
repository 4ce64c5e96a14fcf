from mtaudit.cli import program

program()
