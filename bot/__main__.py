"""`python -m bot`: the `assemblee` command (bot/cli/)."""

import sys

from bot.cli import main

if __name__ == "__main__":
    sys.exit(main())
