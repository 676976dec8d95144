"""The safety screen: complete answers only, any "yes" means no plan, urgent signs first."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcare.plans import QUESTIONS, SCREEN_VERSION, SOURCES, InputError, redflags, run_screen

IDS = [q.id for q in QUESTIONS]
URGENT = {"bladder-bowel", "saddle-numbness", "leg-weakness"}


def answers(**yes: bool) -> dict[str, bool]:
    base = dict.fromkeys(IDS, False)
    base.update({k.replace("_", "-"): v for k, v in yes.items()})
    return base


def test_questions_are_data_with_stable_unique_ids() -> None:
    assert 8 <= len(QUESTIONS) <= 10
    assert len(set(IDS)) == len(IDS)
    assert {q.id for q in QUESTIONS if q.urgent} == URGENT
    assert IDS[:3] == ["bladder-bowel", "saddle-numbness", "leg-weakness"]  # urgent first
    for q in QUESTIONS:
        assert q.text.endswith("?") and len(q.text) < 160
    with pytest.raises(dataclasses.FrozenInstanceError):
        QUESTIONS[0].urgent = False  # type: ignore[misc]


def test_sources_are_named() -> None:
    sources = " ".join(SOURCES)  # what the API and the screen page show
    assert "NG59" in sources and "CKS" in sources
    assert "cauda equina" in (redflags.__doc__ or "")  # why the first questions are urgent


def test_all_no_allows_a_plan() -> None:
    result = run_screen(answers())
    assert result.plan_allowed and result.level == "clear" and not result.urgent
    assert result.flagged == () and result.version == SCREEN_VERSION
    assert [qid for qid, _ in result.answers] == IDS


def test_bladder_bowel_yes_is_urgent_and_gives_no_plan() -> None:
    result = run_screen(answers(bladder_bowel=True))
    assert not result.plan_allowed
    assert result.urgent and result.level == "emergency"
    assert "emergency department" in result.headline and "emergency services" in result.headline
    assert result.flagged == ("bladder-bowel",)


@pytest.mark.parametrize("qid", IDS)
def test_every_yes_blocks_the_plan_with_the_right_urgency(qid: str) -> None:
    result = run_screen(answers(**{qid: True}))
    assert not result.plan_allowed
    if qid in URGENT:
        assert result.level == "emergency" and "now" in result.headline
    else:
        assert result.level == "see-doctor"
        assert "doctor today" in result.headline and "before doing these exercises" in result.headline
    assert result.advice


def test_urgent_wins_over_non_urgent() -> None:
    result = run_screen(answers(trauma=True, saddle_numbness=True))
    assert result.level == "emergency"
    assert result.flagged == ("saddle-numbness", "trauma")
    assert [q.id for q in result.flagged_questions] == ["saddle-numbness", "trauma"]


def test_missing_answers_are_named() -> None:
    partial = answers()
    del partial["night-pain"], partial["trauma"]
    with pytest.raises(InputError) as caught:
        run_screen(partial)
    assert set(caught.value.errors) == {"night-pain", "trauma"}
    assert "night-pain" in str(caught.value)


def test_unknown_and_non_boolean_answers_are_named() -> None:
    bad = answers()
    bad["back-hurts"] = True
    bad["trauma"] = "yes"  # type: ignore[assignment]
    bad["fever-unwell"] = 1  # type: ignore[assignment]
    with pytest.raises(InputError) as caught:
        run_screen(bad)
    assert set(caught.value.errors) == {"back-hurts", "trauma", "fever-unwell"}


def test_empty_screen_names_every_question() -> None:
    with pytest.raises(InputError) as caught:
        run_screen({})
    assert set(caught.value.errors) == set(IDS)


def test_version_is_a_stable_fingerprint_that_follows_the_questions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert redflags.screen_version() == SCREEN_VERSION
    assert len(SCREEN_VERSION) == 16 and int(SCREEN_VERSION, 16) >= 0
    reworded = (dataclasses.replace(QUESTIONS[0], text=QUESTIONS[0].text + " "),) + QUESTIONS[1:]
    monkeypatch.setattr(redflags, "QUESTIONS", reworded)
    assert redflags.screen_version() != SCREEN_VERSION
    less_urgent = (dataclasses.replace(QUESTIONS[0], urgent=False),) + QUESTIONS[1:]
    monkeypatch.setattr(redflags, "QUESTIONS", less_urgent)
    assert redflags.screen_version() != SCREEN_VERSION


@given(st.fixed_dictionaries({qid: st.booleans() for qid in IDS}))
def test_a_plan_is_allowed_exactly_when_every_answer_is_no(given_answers: dict[str, bool]) -> None:
    result = run_screen(given_answers)
    assert result.plan_allowed == (not any(given_answers.values()))
    assert result.urgent == any(given_answers[q] for q in URGENT)
    assert set(result.flagged) == {q for q, yes in given_answers.items() if yes}
