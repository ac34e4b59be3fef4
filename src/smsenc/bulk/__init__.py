"""Bulk counting: read message files a chunk at a time, count, write rows, summarize.

``readers`` turn CSV, JSON Lines, Parquet and plain lines into records, ``pipeline``
counts chunks of them (in worker processes with ``jobs > 1``) with
:func:`smsenc.count_many`, ``summary`` adds them up and ``writers`` write the rows. The
``smsenc count`` command (``smsenc.cli.count``) is the user's door to all of it.
"""
