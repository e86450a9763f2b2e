"""The station's services over recorded pages, used by the window and the commands.

`packages.PackageService` (events, packages, pages, figures), `actions.PageActions` (the
operator's fixes: rotate, delete, restore, type a number) and `duplicate_groups` (one number
on several pages: delete the repeat or escalate). They build on the write pipeline in
`scanstation.ingest` (its storage, thumbnails, write lock, trash and audit).
"""
