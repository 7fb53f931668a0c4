"""Entry point of ``python -m thidua.regulations``."""

from thidua.regulations.cli import main

raise SystemExit(main())
