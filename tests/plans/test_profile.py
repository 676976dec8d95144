"""The profile: validated on creation, one error type naming fields, URL round trip."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcare.plans import DIAGNOSES, InputError, Profile, profile_from_params, profile_to_params


def test_a_valid_profile_is_frozen_and_normalises_skip() -> None:
    p = Profile(floor=False, diagnosis="disc", minutes=10, pain=6, skip=("cat-cow", "bridge", "cat-cow"))
    assert p.skip == ("bridge", "cat-cow")
    assert p.budget_seconds == 600
    assert Profile(floor=True, diagnosis="none").budget_seconds is None
    assert p == Profile(floor=False, diagnosis="disc", minutes=10, pain=6, skip=["bridge", "cat-cow"])
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.minutes = 5  # type: ignore[misc]


def test_every_bad_field_is_named_at_once() -> None:
    with pytest.raises(InputError) as caught:
        Profile(floor="yes", diagnosis="sciatica", minutes=0, pain=11, skip=("Not A Slug",))  # type: ignore[arg-type]
    errors = caught.value.errors
    assert set(errors) == {"floor", "diagnosis", "minutes", "pain", "skip"}
    assert "Not A Slug" in errors["skip"]
    assert "none, disc, other" in errors["diagnosis"]


@pytest.mark.parametrize("minutes", [0, 121, -5, True, 2.5, "10"])
def test_minutes_must_be_a_sane_whole_number(minutes: object) -> None:
    with pytest.raises(InputError) as caught:
        Profile(floor=True, diagnosis="none", minutes=minutes)  # type: ignore[arg-type]
    assert set(caught.value.errors) == {"minutes"}


@pytest.mark.parametrize("minutes", [1, 60, 120])
def test_minutes_range_ends_are_allowed(minutes: int) -> None:
    assert Profile(floor=True, diagnosis="none", minutes=minutes).minutes == minutes


@pytest.mark.parametrize("pain", [-1, 11, False, 3.0])
def test_pain_is_zero_to_ten(pain: object) -> None:
    with pytest.raises(InputError) as caught:
        Profile(floor=True, diagnosis="none", pain=pain)  # type: ignore[arg-type]
    assert set(caught.value.errors) == {"pain"}


def test_skip_must_be_a_list_not_a_string() -> None:
    with pytest.raises(InputError) as caught:
        Profile(floor=True, diagnosis="none", skip="bridge")  # type: ignore[arg-type]
    assert set(caught.value.errors) == {"skip"}


def test_floor_and_diagnosis_are_required() -> None:
    with pytest.raises(TypeError):
        Profile()  # type: ignore[call-arg]


def test_params_are_short_and_leave_out_empty_fields() -> None:
    p = Profile(floor=False, diagnosis="disc", minutes=10, pain=6, skip=("cat-cow", "bridge"))
    assert profile_to_params(p) == {
        "floor": "0", "diagnosis": "disc", "minutes": "10", "pain": "6", "skip": "bridge,cat-cow",
    }
    assert profile_to_params(Profile(floor=True, diagnosis="none")) == {"floor": "1", "diagnosis": "none"}


def test_decoding_reads_empty_optional_fields_as_unset_and_ignores_others() -> None:
    p = profile_from_params({"floor": "1", "diagnosis": "other", "minutes": "", "pain": " ",
                             "skip": "", "utm_source": "x"})
    assert p == Profile(floor=True, diagnosis="other")
    assert profile_from_params({"floor": "0", "diagnosis": "none", "skip": "bridge, cat-cow,"}).skip == (
        "bridge", "cat-cow")


@pytest.mark.parametrize(
    ("params", "fields"),
    [
        ({}, {"floor", "diagnosis"}),
        ({"floor": "2", "diagnosis": "none"}, {"floor"}),
        ({"floor": "yes", "diagnosis": "none"}, {"floor"}),
        ({"floor": "1", "diagnosis": "back"}, {"diagnosis"}),
        ({"floor": "1", "diagnosis": "none", "minutes": "abc"}, {"minutes"}),
        ({"floor": "1", "diagnosis": "none", "minutes": "0"}, {"minutes"}),
        ({"floor": "1", "diagnosis": "none", "minutes": "121"}, {"minutes"}),
        ({"floor": "1", "diagnosis": "none", "minutes": "-3"}, {"minutes"}),
        ({"floor": "1", "diagnosis": "none", "pain": "11"}, {"pain"}),
        ({"floor": "1", "diagnosis": "none", "skip": "bridge,Cat Cow"}, {"skip"}),
        ({"floor": "x", "diagnosis": "y", "minutes": "z", "pain": "w"},
         {"floor", "diagnosis", "minutes", "pain"}),
    ],
)
def test_decoding_names_every_bad_field(params: dict[str, str], fields: set[str]) -> None:
    with pytest.raises(InputError) as caught:
        profile_from_params(params)
    assert set(caught.value.errors) == fields


profiles = st.builds(
    Profile,
    floor=st.booleans(),
    diagnosis=st.sampled_from(DIAGNOSES),
    minutes=st.none() | st.integers(1, 120),
    pain=st.none() | st.integers(0, 10),
    skip=st.lists(st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True), max_size=5),
)


@given(profiles)
def test_params_round_trip(profile: Profile) -> None:
    params = profile_to_params(profile)
    assert all(isinstance(v, str) and v for v in params.values())
    assert profile_from_params(params) == profile
