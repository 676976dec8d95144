"""The weekly review: at most one suggested change a week, with a line saying why.

:func:`weekly_suggestion` tries the rules of ``content/review-rules.yaml``
(:mod:`backcare.outcomes.review_rules`) in their order and returns the first candidate that
is allowed; every rule may offer several candidates, best first:

- ``worse-pain``: the weekly pain score (NPRS) is worse than the first by the measure's
  minimal clinically important difference (:func:`backcare.outcomes.change.meaningful_change`,
  the progress page's own verdict) -> "talk-to-clinician", no adjustment. While it is so,
  no step up is ever suggested, whatever the rules' order and even if it was declined.
- ``hurt-twice``: an exercise the person plays, or left out because it hurt, that hurt
  (a flare in a session naming it: a stop for pain, or pain after - before >=
  :data:`~backcare.prescribing.adherence.FLARE_RISE`) in ``times`` of the last
  ``of_last`` sessions -> "swap" to its ``seated_alternative`` when that one is in the
  library, not excluded by the person's conditions, not left out because it hurt and not
  played already; else "fewer-reps" (one fewer) when it is played above its lowest reps.
- ``flares-twice``: flares naming no exercise in ``times`` of the last ``of_last``
  sessions -> "fewer-reps" of every exercise (exercise ``"*"``) when one of them can
  take it.
- ``step-up``: no flare in the last ``flare_free_weeks`` weeks in *any* of the person's
  sessions (``facts.last_flare`` covers what they played outside this program or
  routine), at least ``goal`` sessions in each of the last ``on_goal_weeks`` complete
  Monday-Sunday weeks (in ``facts.tz``) and pain improving since the last step up they
  accepted (``facts.last_step_up``): the latest weekly pain score below the one before,
  when it was taken in the last ``nprs_fresh_days`` days and after that step up;
  otherwise the mean pain before sessions over the last ``pain_days`` days below the
  mean of the ``pain_days`` before, both with sessions after that step up -> "step-up"
  of the first exercise played that can take one more repetition within its bounds,
  else one more set. So no two step ups without new signs of improvement.

A candidate is not allowed when its key (``"swap:bridge"``, ``"fewer-reps:*"``,
``"step-up:bridge"``, ``"talk-to-clinician"``) was declined in the last ``decline_weeks``
weeks; a declined step up (of any exercise) holds back every step up as long. When the
clinician locked the program only "talk-to-clinician" is allowed; and nothing is once
the person decided this week. The "why" names the facts in plain words, in the language
in force.

Plain Python: no Django here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from statistics import fmean

from backcare.content import Library
from backcare.outcomes.adjusting import EVERY, Adjustment, DoseField, dose_range
from backcare.outcomes.change import meaningful_change, number_text
from backcare.outcomes.measures import measures
from backcare.outcomes.review_rules import FlaresTwice, HurtTwice, ReviewRules, StepUp, WorsePain
from backcare.prescribing.adherence import FLARE_RISE, SessionFact
from backcare.timeline import Dosed
from backcare.vocabulary import current, gettext, ngettext


@dataclass(frozen=True)
class ReviewFacts:
    today: date
    #: What the person plays now (after adjustments and safety filters), in order.
    items: tuple[Dosed, ...]
    #: Their sessions of this program or routine, oldest first.
    sessions: tuple[SessionFact, ...]
    #: Weekly pain scores (NPRS), oldest first.
    nprs: tuple[tuple[date, float], ...]
    #: Sessions a week they aim for.
    goal: int
    #: Exercises the person's conditions exclude.
    excluded: frozenset[str]
    #: Exercises of this program or routine left out because they hurt.
    hurt: frozenset[str]
    #: (Suggestion.key, the day it was declined).
    declined: tuple[tuple[str, date], ...]
    decided_this_week: bool = False
    #: The clinician locked the program: no changes, only "talk to your clinician".
    locked: bool = False
    tz: tzinfo = UTC
    #: The day they last accepted a step up of this program or routine, if ever: pain
    #: counts as improving only on evidence newer than that.
    last_step_up: date | None = None
    #: The day of their latest flare in any session at all (whatever they played), if ever.
    last_flare: date | None = None


@dataclass(frozen=True)
class Suggestion:
    rule: str
    change: str                  # swap | fewer-reps | step-up | talk-to-clinician
    why: str
    exercise: str | None         # the exercise it is about; "*" every one; None none
    adjustment: Adjustment | None
    key: str


TALK = "talk-to-clinician"
STEP_UP = "step-up"


def weekly_suggestion(library: Library, rules: ReviewRules,
                      facts: ReviewFacts) -> Suggestion | None:
    """This week's suggestion, or None (see the module's docstring)."""
    if facts.decided_this_week:
        return None
    declined = declined_keys(facts, rules)
    step_up_declined = any(key.startswith(f"{STEP_UP}:") for key in declined)
    review = _Review(library, facts)
    for rule in rules.rules:
        for suggestion in review.candidates(rule):
            if suggestion.key in declined or (suggestion.change == STEP_UP
                                              and step_up_declined):
                continue
            if facts.locked and suggestion.change != TALK:
                continue
            return suggestion
    return None


def is_flare(session: SessionFact) -> bool:
    """A stop for pain, or pain after the session at least FLARE_RISE above before."""
    return session.stopped_for_pain or (
        session.pain_after is not None and session.pain_after - session.pain_before >= FLARE_RISE)


def _day(moment: datetime, zone: tzinfo) -> date:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone).date()


class _Review:
    """The facts, read once, and each rule's candidates."""

    def __init__(self, library: Library, facts: ReviewFacts) -> None:
        self.library = library
        self.shown = library.in_language(current())
        self.facts = facts
        self.sessions = tuple(sorted(facts.sessions, key=lambda s: s.started_at))
        self.days = tuple(_day(s.started_at, facts.tz) for s in self.sessions)
        self.played = {dosed.exercise.slug: dosed for dosed in facts.items}

    def name(self, slug: str) -> str:
        found = self.shown.exercises.get(slug) or self.library.exercises[slug]
        return found.name

    def candidates(self, rule: WorsePain | HurtTwice | FlaresTwice | StepUp
                   ) -> Iterator[Suggestion]:
        if isinstance(rule, WorsePain):
            yield from self.worse_pain(rule)
        elif isinstance(rule, HurtTwice):
            yield from self.hurt_twice(rule)
        elif isinstance(rule, FlaresTwice):
            yield from self.flares_twice(rule)
        else:
            yield from self.step_up(rule)

    # worse-pain ------------------------------------------------------------------------

    def pain_worse(self, measure: str = "nprs") -> tuple[float, float] | None:
        """(first, latest) weekly pain when it is worse by the measure's MCID, else None."""
        change = meaningful_change(measures()[measure], [score for _, score in self.facts.nprs])
        if change is None or change.direction != "worse" or not change.meaningful:
            return None
        return change.first, change.latest

    def worse_pain(self, rule: WorsePain) -> Iterator[Suggestion]:
        worse = self.pain_worse(rule.measure)
        if worse is None:
            return
        why = gettext("Your weekly pain has gone from {first} to {latest} since your first "
                      "score. Please talk it over with your clinician; until then, nothing "
                      "will be added to your exercises.").format(
                          first=number_text(worse[0]), latest=number_text(worse[1]))
        yield Suggestion(rule=rule.rule, change=TALK, why=why, exercise=None,
                         adjustment=None, key=TALK)

    # hurt-twice and flares-twice -------------------------------------------------------

    def recent(self, count: int) -> tuple[SessionFact, ...]:
        return self.sessions[-count:]

    def fewer_reps(self, slug: str) -> int | None:
        """The reps one fewer would leave, when the played exercise can go lower."""
        dosed = self.played.get(slug)
        if dosed is None:
            return None
        floor = dose_range(self.library, dosed.exercise, "reps")[0]
        return dosed.dose.reps - 1 if dosed.dose.reps > floor else None

    def swap_to(self, slug: str) -> str | None:
        alternative = self.library.exercises[slug].seated_alternative
        facts = self.facts
        if (alternative is None or alternative not in self.library.exercises
                or alternative in facts.excluded or alternative in facts.hurt
                or alternative in self.played):
            return None
        return alternative

    def hurt_twice(self, rule: HurtTwice) -> Iterator[Suggestion]:
        recent = self.recent(rule.of_last)
        counts = Counter(s.painful_exercise for s in recent if s.painful_exercise and is_flare(s))
        looked_at = dict.fromkeys([*self.played, *sorted(self.facts.hurt)])
        for slug in looked_at:
            count = counts[slug]
            if count < rule.times or slug not in self.library.exercises:
                continue
            said = ngettext("{name} hurt in {count} of your last {sessions} session.",
                            "{name} hurt in {count} of your last {sessions} sessions.",
                            len(recent)).format(name=self.name(slug), count=count,
                                                sessions=len(recent))
            alternative = self.swap_to(slug)
            if alternative is not None:
                why = gettext("Its seated version, {name}, is gentler on the back.").format(
                    name=self.name(alternative))
                yield Suggestion(rule=rule.rule, change="swap", why=f"{said} {why}",
                                 exercise=slug, key=f"swap:{slug}",
                                 adjustment=Adjustment("swap", slug, to=alternative))
            fewer = self.fewer_reps(slug)
            if fewer is not None:
                why = gettext("Doing it {reps} times instead of {before} may be easier on "
                              "your back.").format(reps=fewer, before=fewer + 1)
                yield Suggestion(rule=rule.rule, change="fewer-reps", why=f"{said} {why}",
                                 exercise=slug, key=f"fewer-reps:{slug}",
                                 adjustment=Adjustment("fewer-reps", slug, by=-1))

    def flares_twice(self, rule: FlaresTwice) -> Iterator[Suggestion]:
        recent = self.recent(rule.of_last)
        count = sum(1 for s in recent if is_flare(s) and not s.painful_exercise)
        if count < rule.times or not any(self.fewer_reps(slug) for slug in self.played):
            return
        why = ngettext(
            "Your pain went up after {count} of your last {sessions} session. One repetition "
            "fewer of each exercise gives your back an easier week.",
            "Your pain went up after {count} of your last {sessions} sessions. One repetition "
            "fewer of each exercise gives your back an easier week.",
            len(recent)).format(count=count, sessions=len(recent))
        yield Suggestion(rule=rule.rule, change="fewer-reps", why=why, exercise=EVERY,
                         key=f"fewer-reps:{EVERY}",
                         adjustment=Adjustment("fewer-reps", EVERY, by=-1))

    # step-up -----------------------------------------------------------------------------

    def flare_since(self, day: date) -> bool:
        """A flare on ``day`` or after: in a session of this program or routine, or in any
        other session of the person's."""
        last_flare = self.facts.last_flare
        if last_flare is not None and last_flare >= day:
            return True
        return any(is_flare(s) and seen >= day for s, seen in zip(self.sessions, self.days,
                                                                  strict=True))

    def after_step_up(self, day: date) -> bool:
        """``day`` is after the last accepted step up (always, with none)."""
        last = self.facts.last_step_up
        return last is None or day > last

    def on_goal(self, weeks: int) -> bool:
        monday = self.facts.today - timedelta(days=self.facts.today.weekday())
        goal = max(self.facts.goal, 1)
        for back in range(1, weeks + 1):
            start, end = monday - timedelta(weeks=back), monday - timedelta(weeks=back - 1)
            if sum(1 for day in self.days if start <= day < end) < goal:
                return False
        return True

    def pain_improving(self, rule: StepUp) -> tuple[str, float, float] | None:
        """("nprs" | "sessions", before, latest) when pain is improving since the last
        step up, else None (see the module's docstring)."""
        nprs, today, days = self.facts.nprs, self.facts.today, rule.pain_days
        if len(nprs) >= 2:
            taken = nprs[-1][0]
            if (today - taken).days < rule.nprs_fresh_days and self.after_step_up(taken):
                before, latest = nprs[-2][1], nprs[-1][1]
                return ("nprs", before, latest) if latest < before else None

        def mean_between(first: date, last: date) -> float | None:
            found = [s.pain_before for s, day in zip(self.sessions, self.days, strict=True)
                     if first <= day <= last and self.after_step_up(day)]
            return fmean(found) if found else None

        latest_mean = mean_between(today - timedelta(days=days - 1), today)
        before_mean = mean_between(today - timedelta(days=2 * days - 1),
                                   today - timedelta(days=days))
        if latest_mean is None or before_mean is None or not latest_mean < before_mean:
            return None
        return "sessions", before_mean, latest_mean

    def step_up(self, rule: StepUp) -> Iterator[Suggestion]:
        facts = self.facts
        if (self.pain_worse() is not None
                or self.flare_since(facts.today - timedelta(weeks=rule.flare_free_weeks))
                or not self.on_goal(rule.on_goal_weeks)):
            return
        pain = self.pain_improving(rule)
        if pain is None:
            return
        kind, before, latest = pain
        said = {
            "flares": ngettext("No flare-ups for {weeks} week", "No flare-ups for {weeks} weeks",
                               rule.flare_free_weeks).format(weeks=rule.flare_free_weeks),
            "goal": ngettext("{goal} session a week as planned",
                             "{goal} sessions a week as planned", facts.goal
                             ).format(goal=facts.goal),
            "pain": (gettext("your weekly pain went from {before} to {latest}") if kind == "nprs"
                     else gettext("your pain before sessions went from {before} to {latest} "
                                  "on average")).format(before=number_text(before),
                                                        latest=number_text(latest)),
        }
        fields: tuple[DoseField, ...] = ("reps", "sets")
        for slug, dosed in self.played.items():
            for field in fields:
                high = dose_range(self.library, dosed.exercise, field)[2]
                if getattr(dosed.dose, field) + 1 <= high:
                    break
            else:
                continue
            text = (gettext("{flares}, {goal}, and {pain}: ready for one more repetition of "
                            "{name}.") if field == "reps" else
                    gettext("{flares}, {goal}, and {pain}: ready for one more set of {name}."))
            yield Suggestion(rule=rule.rule, change=STEP_UP,
                             why=text.format(**said, name=self.name(slug)), exercise=slug,
                             key=f"{STEP_UP}:{slug}",
                             adjustment=Adjustment("step-up", slug, field=field, by=1))


def declined_keys(facts: ReviewFacts, rules: ReviewRules) -> frozenset[str]:
    """The keys not to suggest today: declined in the last ``decline_weeks`` weeks."""
    return frozenset(key for key, day in facts.declined
                     if (facts.today - day).days < rules.decline_days)

