"""Fit a plan into the minutes the person has, the way a therapist would cut it down.

Holds, rests and transitions never change; only how many times things are done does, and
never below what is still worth doing. Every duration is measured with
:func:`backcare.timeline.build_timeline`, so it is exactly what the person will follow.

An item's **fewest reps** is its exercise's ``min_reps``, or the routine's own reps when
the routine already asks for fewer. Its **shortest version** is one set of its fewest reps.

1. **Which exercises stay.** While the shortest version of the kept list is over the
   budget, one exercise is dropped:

   - the first exercise (the warm-up) and the last (the finish) are kept as long as any
     exercise between them is left;
   - if dropping one exercise from the middle would be enough, the one that frees the
     least time goes (so as little as possible is lost); otherwise the one that frees
     the most time goes, and we look again; ties: the later exercise goes first;
   - with only the warm-up and the finish left and still too long, one exercise is kept:
     the main work rather than the warm-up, so a plan is never a warm-up alone when a
     main exercise fits. The finish if it fits; else the first main exercise (in the
     routine's order) that fits; else the warm-up.

   If no single exercise fits, :class:`PlanError` gives ``minimum_seconds``: the
   shortest version of the quickest exercise, the least time any plan needs.

2. **Fair reductions.** From the full doses of the exercises kept, one cut at a time
   is made until the plan fits. Each cut goes to the exercise that has kept the largest
   share of its original volume (reps x sets; ties: the larger volume, then the earlier
   exercise), so cuts spread evenly (10 reps -> 7 while 3 -> 2). The cut removes a set
   if it has more than one, else a repetition, never going below the fewest reps.
   Step 1 guarantees this ends in a fit.
"""

from __future__ import annotations

from fractions import Fraction

from backcare.content.wording import format_duration
from backcare.plans.errors import PlanError
from backcare.plans.plan import Change
from backcare.timeline import Dosed, build_timeline
from backcare.vocabulary import gettext, ngettext


def _seconds(items: list[Dosed], transition: int) -> int:
    return build_timeline(items, transition).total_seconds


def fewest_reps(item: Dosed) -> int:
    """The fewest repetitions this item may be cut to (see the module doc)."""
    return min(item.exercise.min_reps, item.dose.reps)


def shortest(item: Dosed) -> Dosed:
    """The item's shortest version: one set of its fewest reps, holds untouched."""
    return Dosed(item.exercise, item.dose.model_copy(
        update={"reps": fewest_reps(item), "sets": 1}))


def minimum_seconds(items: tuple[Dosed, ...], transition: int) -> int:
    """The least time any plan of these items needs: the quickest one at its shortest."""
    return min(_seconds([shortest(item)], transition) for item in items)


def _one_to_keep(kept: list[int], short: list[Dosed], transition: int, budget: int) -> int | None:
    """The one exercise to keep when the warm-up and the finish do not fit together."""
    def fits(i: int) -> bool:
        return _seconds([short[i]], transition) <= budget

    mains = [kept[-1]] if len(kept) > 1 else []
    mains += list(range(1, len(short)))
    return next((i for i in [*mains, 0] if fits(i)), None)


def _choose_drop(kept: list[int], short: list[Dosed], transition: int, budget: int) -> int:
    """Index (into ``kept``, three or more) of the exercise to drop next (see above)."""
    now = _seconds([short[i] for i in kept], transition)
    saved = {
        pos: now - _seconds([short[i] for i in kept if i != kept[pos]], transition)
        for pos in range(1, len(kept) - 1)
    }
    enough = [pos for pos, s in saved.items() if now - s <= budget]
    if enough:
        return min(enough, key=lambda pos: (saved[pos], -pos))
    return max(saved, key=lambda pos: (saved[pos], pos))


def _volume(item: Dosed) -> int:
    return item.dose.reps * item.dose.sets


def fit_to_budget(
    items: tuple[Dosed, ...], transition: int, budget: int
) -> tuple[tuple[Dosed, ...], tuple[Change, ...]]:
    """Items cut down to fit ``budget`` seconds, with every cut recorded."""
    short = [shortest(item) for item in items]
    kept = list(range(len(items)))
    while len(kept) > 2 and _seconds([short[i] for i in kept], transition) > budget:
        kept.pop(_choose_drop(kept, short, transition, budget))
    if _seconds([short[i] for i in kept], transition) > budget:
        one = _one_to_keep(kept, short, transition, budget)
        if one is None:
            need = minimum_seconds(items, transition)
            raise PlanError(
                gettext("This routine needs at least {need}, even cut down to one exercise "
                        "done as few times as is still worth doing, and you have {have}. Give "
                        "it a little more time, or choose a shorter routine.").format(
                    need=format_duration(need), have=format_duration(budget)),
                minimum_seconds=need,
            )
        kept = [one]

    fits = format_duration(budget)
    left_out = gettext("Left out so the plan fits in your {time}.").format(time=fits)
    changes = [Change("time", item.exercise.slug, None, left_out)
               for i, item in enumerate(items) if i not in kept]
    current = [items[i] for i in kept]
    while _seconds(current, transition) > budget:
        pos = max(
            (p for p, item in enumerate(current)
             if item.dose.sets > 1 or item.dose.reps > fewest_reps(items[kept[p]])),
            key=lambda p: (Fraction(_volume(current[p]), _volume(items[kept[p]])),
                           _volume(current[p]), -p),
        )
        dose = current[pos].dose
        cut = {"sets": dose.sets - 1} if dose.sets > 1 else {"reps": dose.reps - 1}
        current[pos] = Dosed(current[pos].exercise, dose.model_copy(update=cut))

    for pos, item in enumerate(current):
        before = items[kept[pos]].dose
        slug = item.exercise.slug
        if item.dose.sets < before.sets:
            changes.append(Change("sets-reduced", slug, None, ngettext(
                "Cut from {before} rounds to {after} round so the plan fits in your {time}.",
                "Cut from {before} rounds to {after} rounds so the plan fits in your {time}.",
                item.dose.sets).format(before=before.sets, after=item.dose.sets, time=fits)))
        if item.dose.reps < before.reps:
            changes.append(Change("reps-reduced", slug, None, _reps_cut(
                before.reps, item, fits)))
    return tuple(current), tuple(changes)


def _reps_cut(before: int, item: Dosed, fits: str) -> str:
    after, hold = item.dose.reps, item.dose.hold_seconds
    if item.exercise.per_side:
        said = ngettext(
            "Cut from {before} to {after} repetition per side so the plan fits in your "
            "{time}. Each hold still lasts its full {hold} s.",
            "Cut from {before} to {after} repetitions per side so the plan fits in your "
            "{time}. Each hold still lasts its full {hold} s.", after)
    else:
        said = ngettext(
            "Cut from {before} to {after} repetition so the plan fits in your {time}. Each "
            "hold still lasts its full {hold} s.",
            "Cut from {before} to {after} repetitions so the plan fits in your {time}. Each "
            "hold still lasts its full {hold} s.", after)
    return said.format(before=before, after=after, time=fits, hold=hold)
