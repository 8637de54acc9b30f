"""``python -m ogi.generate --out DIR --seed 1 --count N``."""

from ogi.generate.cli import main

main()
