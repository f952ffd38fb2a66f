"""`python -m generator` is the same as the `archive` command."""

from generator.cli import main

raise SystemExit(main())
