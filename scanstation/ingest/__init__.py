"""Ingest: every page saved (atomically), recorded, read, turned upright, kept recoverable.

This package is the write pipeline: `IngestPipeline` (pages in, `pipeline*.py`), `PageFeeder`
(the scanner's pages to the pipeline), `page_job` (a stored page's steps after its read),
`storage` (durable files), `recovery` (after a crash: a job behind the window, and first
thing in `ingest`), the importer, the quarantine and the write lock. The station's services
that work on recorded pages (packages, page actions, duplicate groups) live in
`scanstation.station` and build on this package, never the other way round.
"""
