"""Entry script of the frozen program (PyInstaller's `__main__`).

`freeze_support()` must run before anything reads the command line: recognition workers
and the completeness check start processes with `spawn`, which in a frozen build re-runs
this executable with multiprocessing's own arguments (`--multiprocessing-fork`, or `-c`
for the resource tracker). PyInstaller's multiprocessing runtime hook makes
`freeze_support()` divert those runs on every platform; without it argparse would reject
them and every worker would die at start.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from scanstation.cli import main

    sys.exit(main())
