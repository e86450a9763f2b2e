"""ScanStation: offline scanning station for exam answer blanks (core package, no Qt)."""

__version__ = "0.1.0"
APP_NAME = "ScanStation"
