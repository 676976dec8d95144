"""The weekly review, rule by rule: what it suggests, the line that says why, and when it
says nothing (declined in the last four weeks, the program locked, decided this week)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from backcare.content import ContentError, load_library
from backcare.outcomes.adjusting import Adjustment
from backcare.outcomes.review import ReviewFacts, weekly_suggestion
from backcare.outcomes.review_rules import load_review_rules, review_rule_problems, review_rules
from backcare.plans import safe_default_plan
from backcare.prescribing import SessionFact
from backcare.timeline import Dosed

ROOT = Path(__file__).resolve().parents[2]
LIB = load_library(ROOT / "content")
RULES = review_rules()
TODAY = date(2025, 6, 11)  # a Wednesday; the last complete weeks start 26 May and 2 June
KNEE = "single-knee-to-chest"


def items(routine: str = "back-pain-relief-exercises-stretches") -> tuple[Dosed, ...]:
    return safe_default_plan(LIB, routine).items  # pelvic tilt, bridge, single knee, ...


def session(day: date, before: int = 3, after: int | None = 3, stopped: bool = False,
            exercise: str = "") -> SessionFact:
    return SessionFact(started_at=datetime.combine(day, time(10), tzinfo=UTC),
                       pain_before=before, pain_after=after, stopped_for_pain=stopped,
                       painful_exercise=exercise, completed=not stopped)


def on_goal(per_week: int = 3, before: int = 3) -> tuple[SessionFact, ...]:
    """``per_week`` calm sessions in each of the two complete weeks before TODAY's."""
    mondays = (date(2025, 5, 26), date(2025, 6, 2))
    return tuple(session(monday + timedelta(days=2 * i), before=before)
                 for monday in mondays for i in range(per_week))


def facts(**given: Any) -> ReviewFacts:
    base: dict[str, Any] = {"today": TODAY, "items": items(), "sessions": (), "nprs": (),
                            "goal": 3, "excluded": frozenset(), "hurt": frozenset(),
                            "declined": ()}
    return ReviewFacts(**{**base, **given})


def hurting(exercise: str = KNEE) -> tuple[SessionFact, ...]:
    return (session(TODAY - timedelta(days=5), stopped=True, exercise=exercise),
            session(TODAY - timedelta(days=3)),
            session(TODAY - timedelta(days=1), before=2, after=4, exercise=exercise))


def suggest(**given: Any) -> Any:
    return weekly_suggestion(LIB, RULES, facts(**given))


# worse pain -----------------------------------------------------------------------------

def test_pain_worse_by_two_points_says_talk_to_your_clinician() -> None:
    found = suggest(nprs=((date(2025, 5, 1), 3.0), (date(2025, 6, 9), 5.0)))
    assert (found.rule, found.change, found.key) == ("worse-pain", "talk-to-clinician",
                                                      "talk-to-clinician")
    assert found.adjustment is None and found.exercise is None
    assert found.why == ("Your weekly pain has gone from 3 to 5 since your first score. "
                         "Please talk it over with your clinician; until then, nothing "
                         "will be added to your exercises.")


def test_pain_one_point_worse_is_not_enough() -> None:
    assert suggest(nprs=((date(2025, 5, 1), 3.0), (date(2025, 6, 9), 4.0))) is None


def test_worse_pain_comes_first_and_blocks_a_step_up_even_when_declined() -> None:
    nprs = ((date(2025, 5, 1), 2.0), (date(2025, 6, 2), 6.0), (date(2025, 6, 9), 5.0))
    assert suggest(nprs=nprs, sessions=on_goal()).change == "talk-to-clinician"
    assert suggest(nprs=nprs, sessions=on_goal(),
                   declined=(("talk-to-clinician", TODAY),)) is None


# hurt twice -----------------------------------------------------------------------------

def test_an_exercise_that_hurt_twice_is_swapped_for_its_seated_version() -> None:
    found = suggest(sessions=hurting())
    assert (found.rule, found.change, found.exercise, found.key) == (
        "hurt-twice", "swap", KNEE, f"swap:{KNEE}")
    assert found.adjustment == Adjustment("swap", KNEE, to="seated-knee-to-chest")
    assert found.why == ("Single knee to chest hurt in 2 of your last 3 sessions. Its seated "
                         "version, Seated knee to chest, is gentler on the back.")


def test_one_rep_fewer_when_the_seated_version_is_excluded() -> None:
    found = suggest(sessions=hurting(), excluded=frozenset({"seated-knee-to-chest"}))
    assert (found.change, found.key) == ("fewer-reps", f"fewer-reps:{KNEE}")
    assert found.adjustment == Adjustment("fewer-reps", KNEE, by=-1)
    assert found.why == ("Single knee to chest hurt in 2 of your last 3 sessions. Doing it 2 "
                         "times instead of 3 may be easier on your back.")


@pytest.mark.parametrize("why_not", ["hurt", "played"])
def test_one_rep_fewer_when_the_seated_version_hurt_or_is_played(why_not: str) -> None:
    seated = Dosed(LIB.exercises["seated-knee-to-chest"], LIB.exercises["seated-knee-to-chest"].dose)
    given: dict[str, Any] = ({"hurt": frozenset({"seated-knee-to-chest"})} if why_not == "hurt"
                             else {"items": (*items(), seated)})
    assert suggest(sessions=hurting(), **given).change == "fewer-reps"


def test_nothing_when_neither_a_swap_nor_fewer_reps_is_possible() -> None:
    # Bridge has no seated version and is played at its lowest reps worth doing (5).
    low = tuple(Dosed(d.exercise, d.dose.model_copy(update={"reps": 5}))
                if d.exercise.slug == "bridge" else d for d in items())
    assert suggest(sessions=hurting("bridge"), items=low) is None
    assert suggest(sessions=hurting("bridge")).change == "fewer-reps"


def test_an_exercise_left_out_because_it_hurt_can_get_its_seated_version() -> None:
    kept = tuple(d for d in items() if d.exercise.slug != KNEE)
    found = suggest(sessions=hurting(), items=kept, hurt=frozenset({KNEE}))
    assert found.change == "swap" and found.exercise == KNEE
    # ... but never fewer reps of what is not played
    assert suggest(sessions=hurting(), items=kept, hurt=frozenset({KNEE}),
                   excluded=frozenset({"seated-knee-to-chest"})) is None


def test_hurt_once_in_the_last_three_or_twice_long_ago_is_not_enough() -> None:
    once = hurting()[1:]
    assert suggest(sessions=once) is None
    long_ago = (*hurting(), *(session(TODAY) for _ in range(2)))
    assert suggest(sessions=long_ago) is None


def test_a_stop_that_names_no_exercise_is_not_an_exercise_that_hurt() -> None:
    named_nothing = tuple(replace(s, painful_exercise="") for s in hurting())
    found = suggest(sessions=named_nothing)
    assert found.rule == "flares-twice"


# flares twice ---------------------------------------------------------------------------

def test_flares_twice_with_no_exercise_named_suggest_one_rep_fewer_of_every_exercise() -> None:
    sessions = (session(TODAY - timedelta(days=4), before=2, after=5),
                session(TODAY - timedelta(days=2), before=3, after=3),
                session(TODAY, before=3, stopped=True, after=None))
    found = suggest(sessions=sessions)
    assert (found.rule, found.change, found.key, found.exercise) == (
        "flares-twice", "fewer-reps", "fewer-reps:*", "*")
    assert found.adjustment == Adjustment("fewer-reps", "*", by=-1)
    assert found.why == ("Your pain went up after 2 of your last 3 sessions. One repetition "
                         "fewer of each exercise gives your back an easier week.")


def test_a_rise_of_one_point_is_not_a_flare() -> None:
    sessions = tuple(session(TODAY - timedelta(days=d), before=3, after=4) for d in (1, 2, 3))
    assert suggest(sessions=sessions) is None


# step up --------------------------------------------------------------------------------

STEADY = ((date(2025, 5, 26), 5.0), (date(2025, 6, 2), 3.0))


def test_calm_weeks_on_goal_and_less_pain_step_up_the_first_exercise() -> None:
    found = suggest(sessions=on_goal(), nprs=STEADY, items=items("dont-crack-your-back"))
    assert (found.rule, found.change, found.exercise, found.key) == (
        "step-up", "step-up", "bridge", "step-up:bridge")
    assert found.adjustment == Adjustment("step-up", "bridge", field="reps", by=1)
    assert found.why == ("No flare-ups for 2 weeks, 3 sessions a week as planned, and your "
                         "weekly pain went from 5 to 3: ready for one more repetition of "
                         "Bridge.")


def test_a_step_up_adds_a_set_when_the_reps_are_at_their_highest() -> None:
    top = tuple(Dosed(d.exercise, d.dose.model_copy(update={"reps": 20}))
                if d.exercise.slug == "bridge" else d for d in items("dont-crack-your-back"))
    found = suggest(sessions=on_goal(), nprs=STEADY, items=top)
    assert found.adjustment == Adjustment("step-up", "bridge", field="sets", by=1)
    assert found.why.endswith("ready for one more set of Bridge.")


@pytest.mark.parametrize("days_ago", [0, 3, 27])
def test_a_declined_step_up_holds_back_every_step_up_for_four_weeks(days_ago: int) -> None:
    given: dict[str, Any] = {"sessions": on_goal(), "nprs": STEADY,
                             "items": items("dont-crack-your-back")}
    declined = (("step-up:bridge", TODAY - timedelta(days=days_ago)),)
    assert suggest(**given, declined=declined) is None  # not the next exercise's either
    after = (("step-up:bridge", TODAY - timedelta(days=28)),)
    assert suggest(**given, declined=after).key == "step-up:bridge"


def test_a_declined_swap_or_step_up_holds_back_nothing_else() -> None:
    declined = (("swap:bridge", TODAY), ("fewer-reps:bridge", TODAY), ("step-up:bridge", TODAY))
    assert suggest(sessions=hurting(), declined=declined).key == f"swap:{KNEE}"


def test_without_two_pain_scores_the_pain_before_sessions_decides() -> None:
    calmer = (*on_goal(before=5)[3:], session(TODAY - timedelta(days=1), before=2),
              session(TODAY, before=3))
    found = suggest(sessions=(*on_goal(before=5)[:3], *calmer), nprs=((TODAY, 4.0),))
    assert found.change == "step-up"
    assert "your pain before sessions went from 5 to 3.3 on average" in found.why
    # no session in the last seven days: nothing to compare
    assert suggest(sessions=on_goal(before=5)) is None


def test_a_stale_weekly_pain_score_does_not_count_as_improving() -> None:
    # The latest score 14 days old: the pain before sessions decides (and it is flat).
    stale = ((date(2025, 5, 19), 5.0), (date(2025, 5, 28), 3.0))
    assert suggest(sessions=on_goal(), nprs=stale) is None
    fresh = ((date(2025, 5, 19), 5.0), (date(2025, 5, 29), 3.0))  # 13 days: in the last 14
    assert suggest(sessions=on_goal(), nprs=fresh).change == "step-up"


def test_no_second_step_up_on_the_same_weekly_pain_scores() -> None:
    stepped = suggest(sessions=on_goal(), nprs=STEADY, last_step_up=date(2025, 6, 3))
    assert stepped is None  # the improvement from 5 to 3 was used by that step up
    newer = (*STEADY, (date(2025, 6, 9), 2.0))  # a new, lower score since
    found = suggest(sessions=on_goal(), nprs=newer, last_step_up=date(2025, 6, 3))
    assert found.change == "step-up" and "from 3 to 2" in found.why
    same_day = suggest(sessions=on_goal(), nprs=STEADY, last_step_up=STEADY[1][0])
    assert same_day is None  # a score of the day of the step up is not newer than it


def test_without_weekly_scores_only_sessions_after_the_last_step_up_count() -> None:
    sessions = (*on_goal(before=5), session(TODAY - timedelta(days=1), before=2))
    # 7 days before: 30 May, 2 and 4 June at 5; the last 7 days: 6 June at 5, 10 June at 2
    assert suggest(sessions=sessions).change == "step-up"
    assert suggest(sessions=sessions, last_step_up=date(2025, 6, 1)).change == "step-up"
    assert suggest(sessions=sessions, last_step_up=date(2025, 6, 4)) is None


@pytest.mark.parametrize("days_ago", [0, 7, 14])
def test_a_flare_in_any_other_session_of_the_last_two_weeks_holds_back_a_step_up(
        days_ago: int) -> None:
    found = suggest(sessions=on_goal(), nprs=STEADY, last_flare=TODAY - timedelta(days=days_ago))
    assert found is None
    assert suggest(sessions=on_goal(), nprs=STEADY,
                   last_flare=TODAY - timedelta(days=15)).change == "step-up"


@pytest.mark.parametrize("days_ago", [0, 7, 14])
def test_no_step_up_after_a_flare_in_the_last_two_weeks(days_ago: int) -> None:
    flare = session(TODAY - timedelta(days=days_ago), before=2, after=4)
    found = suggest(sessions=(*on_goal(), flare), nprs=STEADY)
    assert found is None or found.change != "step-up"


def test_a_flare_fifteen_days_ago_no_longer_holds_back_a_step_up() -> None:
    flare = session(TODAY - timedelta(days=15), before=2, after=4)
    assert suggest(sessions=(*on_goal(), flare), nprs=STEADY).change == "step-up"


def test_no_step_up_when_a_week_missed_the_goal_or_pain_did_not_improve() -> None:
    assert suggest(sessions=on_goal()[1:], nprs=STEADY) is None
    assert suggest(sessions=on_goal(), nprs=STEADY, goal=4) is None
    assert suggest(sessions=on_goal(), nprs=((STEADY[0][0], 3.0), (STEADY[1][0], 4.0))) is None
    assert suggest(sessions=on_goal(), nprs=((STEADY[0][0], 3.0), (STEADY[1][0], 3.0))) is None


def test_weeks_are_counted_in_the_persons_time_zone() -> None:
    # Late on Sunday 1 June in Los Angeles is already Monday in UTC.
    sessions = list(on_goal())
    sessions[2] = replace(sessions[2], started_at=datetime(2025, 6, 2, 5, tzinfo=UTC))
    assert suggest(sessions=tuple(sessions), nprs=STEADY) is None
    assert suggest(sessions=tuple(sessions), nprs=STEADY,
                   tz=ZoneInfo("America/Los_Angeles")).change == "step-up"


# memory, lock, decided ------------------------------------------------------------------

def test_a_declined_suggestion_is_not_repeated_for_four_weeks() -> None:
    declined = TODAY - timedelta(days=27)
    found = suggest(sessions=hurting(), declined=((f"swap:{KNEE}", declined),))
    assert found.key == f"fewer-reps:{KNEE}"  # the next candidate
    both = ((f"swap:{KNEE}", declined), (f"fewer-reps:{KNEE}", TODAY))
    assert suggest(sessions=hurting(), declined=both) is None
    back = suggest(sessions=hurting(), declined=((f"swap:{KNEE}", TODAY - timedelta(days=28)),))
    assert back.key == f"swap:{KNEE}"


def test_a_locked_program_only_ever_hears_talk_to_your_clinician() -> None:
    assert suggest(sessions=hurting(), locked=True) is None
    assert suggest(sessions=on_goal(), nprs=STEADY, locked=True) is None
    worse = ((date(2025, 5, 1), 3.0), (date(2025, 6, 9), 6.0))
    assert suggest(sessions=hurting(), nprs=worse, locked=True).change == "talk-to-clinician"


def test_nothing_once_decided_this_week() -> None:
    worse = ((date(2025, 5, 1), 3.0), (date(2025, 6, 9), 6.0))
    assert suggest(sessions=hurting(), nprs=worse, decided_this_week=True) is None


# the rules file -------------------------------------------------------------------------

def test_the_rules_file_is_read_in_its_order() -> None:
    assert [rule.rule for rule in RULES.rules] == ["worse-pain", "hurt-twice", "flares-twice",
                                                   "step-up"]
    assert RULES.decline_days == 28
    assert review_rule_problems(ROOT / "content") == []


def test_the_order_is_data() -> None:
    step_first = RULES.model_copy(update={"rules": (RULES.rules[3], *RULES.rules[:3])})
    given = facts(sessions=(*on_goal(), *hurting()[1:2]), nprs=STEADY,
                  items=items("dont-crack-your-back"))
    assert weekly_suggestion(LIB, step_first, given).change == "step-up"


@pytest.mark.parametrize(("text", "field", "says"), [
    ("decline_weeks: 4\nrules: [{rule: step-up, flare_free_weeks: 2, on_goal_weeks: 2, "
     "pain_days: 7, extra: 1}]", "rules.0.step-up.extra", "Extra inputs"),
    ("decline_weeks: 4\nrules: [{rule: hurt-twice, times: 4, of_last: 3}]",
     "rules.0.hurt-twice", "times (4) cannot be more than of_last (3)"),
    ("decline_weeks: 4\nrules: [{rule: worse-pain}, {rule: worse-pain}]", "rules",
     "worse-pain more than once"),
    ("decline_weeks: four\nrules: [{rule: worse-pain}]", "decline_weeks", "integer"),
    ("decline_weeks: 4\nrules: [{rule: jump}]", "rules.0", "does not match"),
    ("decline_weeks: 4\ndecline_weeks: 5\nrules: []", "decline_weeks", "twice"),
    ("- just a list", "", "mapping"),
])
def test_every_problem_in_the_rules_file_names_its_field(tmp_path: Path, text: str, field: str,
                                                         says: str) -> None:
    (tmp_path / "review-rules.yaml").write_text(text)
    problems = review_rule_problems(tmp_path)
    assert problems and all(file == "review-rules.yaml" for file, _, _ in problems)
    assert any(found == field and says in message for _, found, message in problems), problems
    with pytest.raises(ContentError):
        load_review_rules(tmp_path)


def test_a_missing_rules_file_is_a_problem(tmp_path: Path) -> None:
    assert review_rule_problems(tmp_path) == [("review-rules.yaml", "", "file is missing")]
