"""``python -m analysis COMMAND``: the command line, parsed in :mod:`analysis.cli`."""
from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
