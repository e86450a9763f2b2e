"""Page sources behind one interface: scanners (SANE, TWAIN, WIA), a hot folder, a demo.

`base` declares the driver interface and one exception per device fault; `registry` lists
the drivers this machine runs and opens a device by id; one module per driver.
"""
