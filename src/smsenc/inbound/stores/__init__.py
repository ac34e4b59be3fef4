"""The stores of pending parts: in memory, SQLite, Redis (see :mod:`smsenc.inbound.store`)."""
