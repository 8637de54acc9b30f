"""``python -m generate --out DIR --seed 1 --count N``."""

from generate.cli import main

main()
