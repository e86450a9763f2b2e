"""`python -m scanstation` behaves exactly like the `scanstation` command."""

import sys

from scanstation.cli import main

sys.exit(main())
