"""SmscProfile: an immutable, checked tuple; the presets and what each allows."""

from __future__ import annotations

import pickle

import pytest

from smsenc.smpp import PROFILE_NOTES, PROFILES, SMPP34, SmscProfile


def test_the_default_is_the_smpp34_reading() -> None:
    assert SMPP34 == SmscProfile() == PROFILES["smpp34"]
    assert SMPP34.to_dict() == {
        "default_alphabet": "gsm",
        "latin1": False,
        "concatenation": "udh8",
        "national_tables": True,
        "max_parts": 255,
        "packed": False,
    }
    assert SMPP34.reference_bits == 8 and SMPP34.uses_national_tables


def test_presets_each_have_a_note_and_say_what_they_allow() -> None:
    assert list(PROFILES) == list(PROFILE_NOTES) == ["smpp34", "latin1", "ia5", "sar", "payload"]
    assert all(PROFILE_NOTES[name] for name in PROFILES)
    uses = {name: p.uses_national_tables for name, p in PROFILES.items()}
    assert uses == {"smpp34": True, "latin1": False, "ia5": False, "sar": False, "payload": False}
    bits = {name: p.reference_bits for name, p in PROFILES.items()}
    assert bits == {"smpp34": 8, "latin1": 8, "ia5": 8, "sar": 16, "payload": 8}


def test_profiles_are_immutable_hashable_tuples() -> None:
    profile = SmscProfile(default_alphabet="latin1", concatenation="udh16")
    assert isinstance(profile, tuple) and hash(profile) == hash(SmscProfile(**profile._asdict()))
    with pytest.raises(AttributeError):
        profile.latin1 = True  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(profile)) == profile
    assert profile._replace(max_parts=3).max_parts == 3


def test_an_unknown_field_is_a_type_error_naming_it() -> None:
    with pytest.raises(TypeError, match="SmscProfile has no field 'data_coding_zero'"):
        SmscProfile(data_coding_zero="gsm")


@pytest.mark.parametrize(
    ("fields", "error", "message"),
    [
        ({"default_alphabet": "utf8"}, ValueError, "default_alphabet must be one of 'gsm', "),
        ({"concatenation": "udh7"}, ValueError, "concatenation must be one of 'udh8', "),
        ({"concatenation": 8}, TypeError, "concatenation must be a str, not int"),
        ({"latin1": 1}, TypeError, "latin1 must be a bool, not int"),
        ({"max_parts": 0}, ValueError, r"max_parts must be 1\.\.255, got 0"),
        ({"max_parts": 256}, ValueError, r"max_parts must be 1\.\.255, got 256"),
        ({"max_parts": True}, TypeError, "max_parts must be an int, not bool"),
        ({"packed": True, "concatenation": "sar"}, ValueError, "packed=True needs"),
        ({"packed": True, "default_alphabet": "latin1"}, ValueError, "packed=True needs"),
    ],
)
def test_a_bad_value_names_the_field(fields: dict[str, object], error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        SmscProfile(**fields)  # type: ignore[arg-type]
    with pytest.raises(error, match=message):
        SMPP34._replace(**fields)
