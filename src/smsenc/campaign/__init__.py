"""Campaign tools: what a template can cost and how to make a text fit.

``template`` holds :func:`smsenc.template_bounds` (the fewest and the most parts any
substitution of a message template can cost), with ``model`` (the template as the text
that is sent, piece by piece: fields, literals, transliteration) and ``search`` (the
search over every way of sending it that proves the bounds); ``fitting`` holds
:func:`smsenc.fit`.  Both count with the engine, under options resolved once.
"""
