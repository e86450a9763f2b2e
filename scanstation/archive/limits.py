"""The collector's archive size limit, in a module light enough for the command line."""

DEFAULT_LIMIT = 250_000_000  # «250 МБ», read strictly as decimal megabytes
