"""The GSM layer: what 3GPP TS 23.038 and TS 23.040 define, and nothing smsenc decides.

``charsets`` holds the character tables (TS 23.038 §6.2.1 and Annex A), ``septets``
turns text into septets and back under a pair of them, ``packing`` packs septets eight
to seven octets (§6.1.2.1.1), ``dcs`` reads and writes the data coding scheme (§4), and
``udh`` builds and parses the user data header and derives every capacity from it
(TS 23.040 §9.2.3.16, §9.2.3.24).  The layer above, :mod:`smsenc.engine`, chooses among
what these modules offer.
"""
