"""Hypothesis strategies for SMS texts: GSM repertoire, national scripts, astral characters."""

from __future__ import annotations

from hypothesis import strategies as st

from smsenc.gsm.charsets import LOCKING_TABLES, SINGLE_SHIFT_TABLES

GSM_BASIC = "".join(c for c in LOCKING_TABLES[0].characters if c is not None)
GSM_EXTENSION = "".join(c for c in SINGLE_SHIFT_TABLES[0].characters if c is not None)
GSM_DEFAULT = GSM_BASIC + GSM_EXTENSION
"""The GSM 7-bit default alphabet and its extension table (TS 23.038 §6.2.1, §6.2.1.1)."""
NATIONAL = "".join(
    sorted(
        {
            c
            for t in (*LOCKING_TABLES.values(), *SINGLE_SHIFT_TABLES.values())
            for c in t.characters
            if c is not None
        }
    )
)
ASTRAL = "😀🎉👍🇪🇸𝄞𐍈"

gsm_text = st.text(alphabet=st.sampled_from(GSM_DEFAULT), max_size=700)
national_text = st.text(alphabet=st.sampled_from(NATIONAL + ASTRAL + "ж"), max_size=500)
mixed_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(GSM_DEFAULT),
        st.sampled_from(ASTRAL),
        st.characters(),
    ),
    max_size=400,
)
any_text = st.one_of(gsm_text, national_text, mixed_text, st.text(max_size=300))

# --- hostile input (tests/test_fuzz.py) ------------------------------------------------

MARKS = "\u0301\u0316\u0308\u0327\u0345\u0344\u0f73\u0f75\u0f81\u034f\u200b"
"""Combining marks of several classes, the all-mark decompositions (U+0F73, ...), CGJ
and a zero-width space: what makes normalization and the stream-safe guard work."""
mark_storm = st.tuples(
    st.sampled_from(["", "a", "E", "\u01d6", "\u1f82", "ş", "ж", "\u00c5"]),
    st.integers(0, 120),
    st.text(alphabet=st.sampled_from(MARKS), min_size=1, max_size=4),
).map(lambda t: t[0] + (t[2] * t[1])[: t[1]])
lone_surrogates = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
        st.sampled_from(GSM_BASIC + GSM_EXTENSION + ASTRAL),
    ),
    max_size=200,
)
hostile_text = st.one_of(
    any_text,
    lone_surrogates,
    st.lists(
        st.one_of(mark_storm, st.sampled_from(GSM_BASIC + GSM_EXTENSION + ASTRAL)), max_size=6
    ).map("".join),
)
language_request = st.one_of(
    st.none(),
    st.sampled_from(["TR", "es", " pt ", "AUTODETECT", "HI", "ur"]),
    st.lists(st.sampled_from(["TR", "ES", "PT", "BN", "TA", "AUTODETECT"]), max_size=4),
)
transliteration_request = st.one_of(
    st.none(),
    st.sampled_from(["NONE", "TURKISH", "GREEK", "CYRILLIC", "NON_UNICODE", "ALL", "baltic"]),
    st.lists(st.sampled_from(["ALL", "NON_UNICODE", "SERBIAN_CYRILLIC", "PORTUGUESE"]), max_size=3),
)
user_data = st.binary(max_size=160)
"""Up to 160 octets: past the 140 of a part, as a hostile peer would send."""
udl = st.one_of(st.none(), st.integers(0, 200))
