"""The safety screen: complete answers only, any "yes" means no plan, urgent signs first;
the questions grouped by body area, and a routine asked the ones for its areas."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcare.content import Library
from backcare.plans import (
    QUESTIONS,
    SCREEN_VERSION,
    SOURCES,
    InputError,
    redflags,
    routine_questions,
    run_screen,
    urgent_help,
)
from backcare.plans.redflag_questions import AREAS, areas_for, questions_for, questions_in
from backcare.vocabulary import use

IDS = [q.id for q in QUESTIONS]
CAUDA_EQUINA = {"bladder-bowel", "saddle-numbness", "sexual-function", "leg-weakness", "both-legs"}
URGENT = CAUDA_EQUINA | {"neck-injury", "hands-or-walking", "chest-pain"}
NECK = {"neck-injury", "hands-or-walking", "dizziness-drop-attacks"}
FIVE = "back-pain-relief-stretches-5-minute-real-time-routine"
UPPER = "upper-back-pain-exercises-stretches"


def answers(**yes: bool) -> dict[str, bool]:
    base = dict.fromkeys(IDS, False)
    base.update({k.replace("_", "-"): v for k, v in yes.items()})
    return base


def test_questions_are_data_with_stable_unique_ids() -> None:
    assert 15 <= len(QUESTIONS) <= 20
    assert len(set(IDS)) == len(IDS)
    assert {q.id for q in QUESTIONS if q.urgent} == URGENT
    assert set(IDS[:len(URGENT)]) == URGENT  # urgent first
    assert IDS[:3] == ["bladder-bowel", "saddle-numbness", "sexual-function"]
    for q in QUESTIONS:
        assert q.text.endswith("?") and len(q.text) < 160
        assert q.area in AREAS
    with pytest.raises(dataclasses.FrozenInstanceError):
        QUESTIONS[0].urgent = False  # type: ignore[misc]


def test_the_warning_signs_the_issue_names_are_asked() -> None:
    texts = {q.id: q.text.lower() for q in QUESTIONS}
    fracture = texts["osteoporosis-minor-fall"]
    assert "osteoporosis" in fracture and "steroid" in fracture and "small fall" in fracture
    assert "suddenly" in texts["sudden-spine-pain"] and "middle of your spine" in texts["sudden-spine-pain"]
    assert "both of your legs" in texts["both-legs"]
    assert "sex" in texts["sexual-function"] and "not felt yourself pee" in texts["bladder-bowel"]
    assert "urine infection" in texts["infection-risk"] and "immune" in texts["infection-risk"]
    assert "weak-immune-system" not in texts  # merged into infection-risk
    assert "shape of your spine" in texts["spine-shape"]
    assert "chest or upper back" in texts["chest-pain"] and "unwell" in texts["chest-pain"]
    # the trauma question says what it means, and that an everyday lifting strain is not it
    assert "fall from a height" in texts["trauma"] and "car crash" in texts["trauma"]
    assert "everyday lifting strain does not count" in texts["trauma"]
    assert "clumsy" in texts["hands-or-walking"] and "unsteady" in texts["hands-or-walking"]
    dizzy = texts["dizziness-drop-attacks"]
    assert "dizzy spells" in dizzy and "drop attack" in dizzy
    assert "injury to your head or neck" in texts["neck-injury"]


def test_every_question_has_an_area_and_a_named_source() -> None:
    for q in QUESTIONS:
        assert q.source.startswith(("NICE", "NHS")), q.id
        assert (q.area == "neck") == (q.id in NECK), q.id
        assert ("Neck pain" in q.source) == (q.area == "neck"), q.id
    for qid in CAUDA_EQUINA:
        question = next(q for q in QUESTIONS if q.id == qid)
        assert question.area == "low-back" and "cauda equina" in question.source


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


def test_version_follows_ids_urgency_and_area_but_not_wording(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert redflags.screen_version() == SCREEN_VERSION
    assert len(SCREEN_VERSION) == 16 and int(SCREEN_VERSION, 16) >= 0
    reworded = (dataclasses.replace(QUESTIONS[0], english_text="Translated: " + QUESTIONS[0].text),
                *QUESTIONS[1:])
    monkeypatch.setattr(redflags, "QUESTIONS", reworded)
    assert redflags.screen_version() == SCREEN_VERSION  # a translation keeps a remembered pass
    less_urgent = (dataclasses.replace(QUESTIONS[0], urgent=False, english_sign=""),) + QUESTIONS[1:]
    monkeypatch.setattr(redflags, "QUESTIONS", less_urgent)
    assert redflags.screen_version() != SCREEN_VERSION
    moved = (dataclasses.replace(QUESTIONS[0], area="neck"),) + QUESTIONS[1:]
    monkeypatch.setattr(redflags, "QUESTIONS", moved)
    assert redflags.screen_version() != SCREEN_VERSION
    monkeypatch.setattr(redflags, "QUESTIONS", QUESTIONS[1:])
    assert redflags.screen_version() != SCREEN_VERSION


def test_an_urgent_question_needs_a_sign_and_only_it() -> None:
    with pytest.raises(ValueError, match="sign"):
        dataclasses.replace(QUESTIONS[0], english_sign="")
    other = next(q for q in QUESTIONS if not q.urgent)
    with pytest.raises(ValueError, match="sign"):
        dataclasses.replace(other, english_sign="something")


# --- Per body area ------------------------------------------------------------------------

AREA_SETS = st.sets(st.sampled_from(["low-back", "mid-back", "upper-back", "neck", "shoulders",
                                     "hips", "glutes", "hamstrings", "abdominals", "sides"]))


@given(AREA_SETS)
def test_every_routine_gets_any_and_low_back_and_neck_only_for_the_neck(areas: set[str]) -> None:
    asked = questions_for(areas)
    groups = {q.area for q in asked}
    assert {"any", "low-back"} <= groups
    assert ("neck" in groups) == bool(areas & {"neck", "upper-back"})
    urgent = [q for q in asked if q.urgent]
    assert asked[:len(urgent)] == tuple(urgent)  # "the first N questions" stays true
    assert [q.id for q in asked] == [qid for qid in IDS if qid in {q.id for q in asked}]


def test_questions_in_every_group_cover_every_question() -> None:
    assert questions_in(AREAS) == QUESTIONS
    assert areas_for(["low-back"]) == {"any", "low-back"}
    assert areas_for(["upper-back"]) == {"any", "low-back", "neck"}


def test_routines_get_the_questions_for_their_areas(library: Library) -> None:
    upper = {q.id for q in routine_questions(library, UPPER)}
    five = {q.id for q in routine_questions(library, FIVE)}
    assert upper >= NECK
    assert not NECK & five and five < upper
    assert routine_questions(library, None) == QUESTIONS
    assert routine_questions(library, "no-such-routine") == QUESTIONS  # the safe side
    for slug in library.routines:
        assert {q.id for q in routine_questions(library, slug)} >= {
            q.id for q in QUESTIONS if q.area in ("any", "low-back")}


def test_the_screen_checks_only_the_questions_asked() -> None:
    low_back = questions_for(["low-back"])
    result = run_screen({q.id: False for q in low_back}, low_back)
    assert result.plan_allowed and result.areas == ("low-back", "any")
    with pytest.raises(InputError) as caught:
        run_screen({q.id: False for q in low_back})  # every question asked: the neck ones too
    assert set(caught.value.errors) == NECK
    everything = run_screen(dict.fromkeys(IDS, False))
    assert everything.areas == AREAS


@pytest.mark.parametrize("qid", sorted(NECK))
def test_a_yes_to_a_question_not_asked_still_means_no_plan(qid: str) -> None:
    low_back = questions_for(["low-back"])
    result = run_screen({**{q.id: False for q in low_back}, qid: True}, low_back)
    assert not result.plan_allowed and result.flagged == (qid,)


def test_the_urgent_help_box_is_made_from_the_urgent_questions() -> None:
    box = urgent_help()
    assert box.title == "Get help now if…"
    assert box.signs == tuple(q.sign for q in QUESTIONS if q.urgent)
    assert len(box.signs) == len(URGENT)
    assert "emergency number" in box.action and "999" in box.action
    low_back = urgent_help(questions_for(["low-back"]))
    assert len(low_back.signs) == len(URGENT) - 2  # no neck signs for a low-back routine


@given(st.fixed_dictionaries({qid: st.booleans() for qid in IDS}))
def test_a_plan_is_allowed_exactly_when_every_answer_is_no(given_answers: dict[str, bool]) -> None:
    result = run_screen(given_answers)
    assert result.plan_allowed == (not any(given_answers.values()))
    assert result.urgent == any(given_answers[q] for q in URGENT)
    assert set(result.flagged) == {q for q, yes in given_answers.items() if yes}


# --- In every language -------------------------------------------------------------------


def test_the_screen_version_does_not_depend_on_the_language() -> None:
    with use("en"):
        english = redflags.screen_version()
        english_texts = [q.text for q in QUESTIONS]
    with use("es"):
        spanish = redflags.screen_version()
        spanish_texts = [q.text for q in QUESTIONS]
    assert english == spanish == SCREEN_VERSION
    # the same questions, said in Spanish: every one of them translated
    assert all(a != b for a, b in zip(english_texts, spanish_texts, strict=True))
    assert all(text.startswith("¿") or "¿" in text for text in spanish_texts)


def test_the_screen_speaks_spanish() -> None:
    urgent = run_screen(answers(bladder_bowel=True))
    doctor = run_screen(answers(trauma=True))
    with use("es"):
        headlines = (urgent.headline, doctor.headline, urgent.advice, doctor.advice)
        box = urgent_help()
        signs = tuple(q.sign for q in QUESTIONS if q.urgent)
        with pytest.raises(InputError) as caught:
            run_screen({})
    assert "urgencias" in headlines[0] and "emergency" not in headlines[0]
    assert "médico" in headlines[1] and headlines[2] != headlines[3]
    assert box.title == "Pide ayuda ya si…"
    assert box.signs == signs and len(signs) == len(URGENT)
    assert not set(signs) & {q.english_sign for q in QUESTIONS}
    assert "112" in box.action and "emergency" not in box.action
    assert all("answer yes or no" not in message for message in caught.value.errors.values())
    # the same result read in English speaks English
    assert urgent.headline.startswith("Get emergency care now")
