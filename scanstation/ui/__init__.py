"""The PySide6 window. Only this package imports Qt; it talks to the core through plain
objects, and runs long work on worker threads that report through signals."""
