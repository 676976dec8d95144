"""The profile: validated on creation, one error type naming fields, URL round trip."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcare.plans import (
    NONE_KNOWN,
    OTHER,
    SAFE_DEFAULT,
    InputError,
    Profile,
    asks_for_plan,
    profile_from_params,
    profile_params,
    profile_to_params,
)

DISC = frozenset({"disc"})
NONE = frozenset({NONE_KNOWN})


def test_a_valid_profile_is_frozen_and_normalises_skip() -> None:
    p = Profile(floor=False, conditions=DISC, minutes=10, pain=6, skip=("cat-cow", "bridge", "cat-cow"))
    assert p.skip == ("bridge", "cat-cow")
    assert p.budget_seconds == 600
    assert Profile(floor=True, conditions=NONE).budget_seconds is None
    assert p == Profile(floor=False, conditions={"disc"}, minutes=10, pain=6,  # type: ignore[arg-type]
                        skip=["bridge", "cat-cow"])
    assert isinstance(p.conditions, frozenset)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.minutes = 5  # type: ignore[misc]


def test_every_bad_field_is_named_at_once() -> None:
    with pytest.raises(InputError) as caught:
        Profile(floor="yes", conditions=frozenset({"Bad Name"}), bending_worsens_leg_pain="maybe",  # type: ignore[arg-type]
                minutes=0, pain=11, skip=("Not A Slug",))
    errors = caught.value.errors
    assert set(errors) == {"floor", "conditions", "bending_worsens_leg_pain", "minutes", "pain", "skip"}
    assert "Not A Slug" in errors["skip"]
    assert "Bad Name" in errors["conditions"]


@pytest.mark.parametrize("minutes", [0, 121, -5, True, 2.5, "10"])
def test_minutes_must_be_a_sane_whole_number(minutes: object) -> None:
    with pytest.raises(InputError) as caught:
        Profile(floor=True, conditions=NONE, minutes=minutes)  # type: ignore[arg-type]
    assert set(caught.value.errors) == {"minutes"}


@pytest.mark.parametrize("minutes", [1, 60, 120])
def test_minutes_range_ends_are_allowed(minutes: int) -> None:
    assert Profile(floor=True, conditions=NONE, minutes=minutes).minutes == minutes


@pytest.mark.parametrize("pain", [-1, 11, False, 3.0])
def test_pain_is_zero_to_ten(pain: object) -> None:
    with pytest.raises(InputError) as caught:
        Profile(floor=True, conditions=NONE, pain=pain)  # type: ignore[arg-type]
    assert set(caught.value.errors) == {"pain"}


def test_skip_must_be_a_list_not_a_string() -> None:
    with pytest.raises(InputError) as caught:
        Profile(floor=True, conditions=NONE, skip="bridge")  # type: ignore[arg-type]
    assert set(caught.value.errors) == {"skip"}


def test_floor_is_required_and_no_conditions_is_the_safe_default() -> None:
    with pytest.raises(TypeError):
        Profile()  # type: ignore[call-arg]
    assert Profile(floor=True) == SAFE_DEFAULT
    assert SAFE_DEFAULT.conditions is None and not SAFE_DEFAULT.told_us


@pytest.mark.parametrize(("conditions", "words"), [
    (frozenset(), "empty"),
    (frozenset({NONE_KNOWN, "disc"}), "choose one or the other"),
    ("disc", "list"),
])
def test_conditions_are_checked(conditions: object, words: str) -> None:
    with pytest.raises(InputError) as caught:
        Profile(floor=True, conditions=conditions)  # type: ignore[arg-type]
    assert set(caught.value.errors) == {"conditions"} and words in caught.value.errors["conditions"]


def test_named_conditions_leave_out_the_answers_that_are_not_conditions() -> None:
    p = Profile(floor=True, conditions=frozenset({"disc", OTHER}))
    assert p.named_conditions == DISC and p.has_unlisted_condition and p.told_us
    assert Profile(floor=True, conditions=NONE).named_conditions == frozenset()


@pytest.mark.parametrize(("diagnosis", "conditions"), [
    ("none", NONE), ("disc", DISC), ("other", frozenset({OTHER})),
])
def test_the_older_diagnosis_is_still_read(diagnosis: str, conditions: frozenset[str]) -> None:
    p = profile_from_params({"floor": "1", "diagnosis": diagnosis})
    assert p.conditions == conditions
    assert profile_to_params(p) == {"floor": "1", "conditions": ",".join(sorted(conditions))}
    assert asks_for_plan({"diagnosis": [diagnosis]}.get)  # type: ignore[arg-type]


def test_conditions_from_check_boxes_or_a_comma_list() -> None:
    query = {"floor": ["1"], "conditions": ["disc", "osteoporosis,pregnancy"],
             "bending_worsens_leg_pain": ["yes"]}
    params = profile_params(lambda name: query.get(name, []))
    assert params == {"floor": "1", "conditions": "disc,osteoporosis,pregnancy",
                      "bending_worsens_leg_pain": "yes"}
    p = profile_from_params(params)
    assert p.conditions == {"disc", "osteoporosis", "pregnancy"} and p.bending_worsens_leg_pain
    assert profile_to_params(p) == {"floor": "1", "conditions": "disc,osteoporosis,pregnancy",
                                    "bending_worsens_leg_pain": "1"}
    # nothing ticked: not told, the safe default
    assert profile_from_params({"floor": "1", "conditions": ""}).conditions is None
    unsure = profile_from_params({"floor": "1", "bending_worsens_leg_pain": ""})
    assert unsure.bending_worsens_leg_pain is None


def test_params_are_short_and_leave_out_empty_fields() -> None:
    p = Profile(floor=False, conditions=DISC, minutes=10, pain=6, skip=("cat-cow", "bridge"))
    assert profile_to_params(p) == {
        "floor": "0", "conditions": "disc", "minutes": "10", "pain": "6", "skip": "bridge,cat-cow",
    }
    assert profile_to_params(Profile(floor=True, conditions=NONE)) == {"floor": "1",
                                                                        "conditions": NONE_KNOWN}
    assert profile_to_params(SAFE_DEFAULT) == {"floor": "1"}


def test_decoding_reads_empty_optional_fields_as_unset_and_ignores_others() -> None:
    p = profile_from_params({"floor": "1", "conditions": "other", "minutes": "", "pain": " ",
                             "skip": "", "utm_source": "x"})
    assert p == Profile(floor=True, conditions=frozenset({OTHER}))
    assert profile_from_params({"floor": "0", "diagnosis": "none", "skip": "bridge, cat-cow,"}).skip == (
        "bridge", "cat-cow")


@pytest.mark.parametrize(
    ("params", "fields"),
    [
        ({}, {"floor"}),
        ({"floor": "1", "conditions": "disc,Not Slug"}, {"conditions"}),
        ({"floor": "1", "conditions": "none-known,disc"}, {"conditions"}),
        ({"floor": "1", "conditions": "disc", "diagnosis": "disc"}, {"conditions"}),
        ({"floor": "1", "bending_worsens_leg_pain": "maybe"}, {"bending_worsens_leg_pain"}),
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
    conditions=st.none() | st.just(NONE) | st.frozensets(
        st.sampled_from(["disc", "osteoporosis", "pregnancy", OTHER]), min_size=1),
    bending_worsens_leg_pain=st.none() | st.booleans(),
    minutes=st.none() | st.integers(1, 120),
    pain=st.none() | st.integers(0, 10),
    skip=st.lists(st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True), max_size=5),
)


@given(profiles)
def test_params_round_trip(profile: Profile) -> None:
    params = profile_to_params(profile)
    assert all(isinstance(v, str) and v for v in params.values())
    assert profile_from_params(params) == profile
