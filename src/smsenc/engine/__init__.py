"""The engine: from a text and the caller's options to the cheapest way to send it.

In data-flow order: ``transliteration`` (the optional first step), ``options`` (the
caller's options checked and resolved once into one immutable value), ``parts`` (cutting
septets or UTF-16 code units into parts), ``selection`` (the cheapest pair of national
tables, or UCS-2), ``graphemes`` (the same, keeping grapheme clusters whole) and
``chooser``, the one function every entry point calls to get a text's parts, which
answers the cases one C-level pass decides itself.  ``savings`` sits on top: what
replacing a character would save.  Built on :mod:`smsenc.gsm`; the public entry points
(``segment()``, ``count()``, ``preview()``, ...) are built on this.
"""
