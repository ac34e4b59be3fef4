"""Hypothesis strategies for SMS texts: GSM repertoire, national scripts, astral characters."""

from __future__ import annotations

from hypothesis import strategies as st

from smsenc.charsets import LOCKING_TABLES, SINGLE_SHIFT_TABLES

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
