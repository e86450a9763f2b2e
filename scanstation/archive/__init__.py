"""Archives for the collector: check a folder, pack it into verified ZIP parts, export them.

`check` applies the collector's rules to a folder, `packer` writes and verifies the parts
and swaps a new set in whole, `export` copies them to a removable drive and reads them back.
"""
