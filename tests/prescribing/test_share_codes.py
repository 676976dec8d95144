"""Share codes: easy to read aloud and type, hard to guess; links with a secret key."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from backcare.prescribing import (
    CODE_ALPHABET,
    CODE_LENGTH,
    new_code,
    new_share_key,
    normalize_code,
)
from backcare.prescribing.share_codes import format_code


def test_the_alphabet_has_no_look_alikes() -> None:
    assert not set("0O1IL2Z5S8B") & set(CODE_ALPHABET)
    assert len(set(CODE_ALPHABET)) == len(CODE_ALPHABET) == 25


def test_new_codes_use_the_alphabet_and_differ() -> None:
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == CODE_LENGTH and set(c) <= set(CODE_ALPHABET) for c in codes)


def test_people_may_type_codes_loosely() -> None:
    code = new_code()
    for typed in (code, code.lower(), f" {code[:4]}-{code[4:]} ", format_code(code),
                  " ".join(code)):
        assert normalize_code(typed) == code


def test_what_cannot_be_a_code_is_none() -> None:
    for typed in ("", "ACDEFGH", "ACDEFGHJK", "ACDEFGH0", "ACDE FGHO", "x" * 10_000,
                  None, 12345678):
        assert normalize_code(typed) is None  # type: ignore[arg-type]


@given(st.text(max_size=80))
def test_normalize_never_fails_and_only_gives_codes(raw: str) -> None:
    code = normalize_code(raw)
    assert code is None or (len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET))


def test_share_keys_are_long_and_url_safe() -> None:
    keys = {new_share_key() for _ in range(100)}
    assert len(keys) == 100
    assert all(len(k) == 32 and k.replace("-", "").replace("_", "").isalnum() for k in keys)
