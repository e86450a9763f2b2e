"""One module per command-line command; each exposes `register(subparsers)`.

Every command module is imported to build the command line (`scanstation --help` lists them
all), so a module's top level imports only what its argparse definition needs: the standard
library, `scanstation.cli`, `_common`, `i18n` and other light modules. The machinery a command
drives (numpy, Pillow, zxing-cpp, SQLAlchemy, openpyxl, the keyring…) is imported inside its
handler, so each invocation pays only for its own command; tests/test_cli.py fails when a
heavy module creeps back into start-up. Modules named `_*` are helpers, not commands.
"""
