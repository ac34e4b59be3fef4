"""Bulk counting: read message files a chunk at a time, count, write rows, summarize.

``readers`` turn CSV, TSV, JSON Lines, Parquet and plain lines into chunks of columns,
``pipeline`` counts each chunk's texts (in worker processes with ``jobs > 1``) with
:func:`smsenc.count_many`, ``culprits`` finds what forced UCS-2 and what it cost,
``summary`` adds it all up and ``writers`` write the rows. The ``smsenc count`` command
(``smsenc.cli.count``) is the user's door to all of it.
"""
