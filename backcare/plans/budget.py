"""Fit a plan into the minutes the person has, without ever shortening a hold.

Holds, rests and transitions never change; only how many times things are done does.
Every duration is measured with :func:`backcare.timeline.build_timeline`, so it is
exactly what the person will follow.

1. **Which exercises stay.** The *shortest version* of a list is every exercise at one
   repetition (per side) and one set. While the shortest version of the kept list is
   over the budget, one exercise is dropped:

   - the first exercise (the warm-up) and the last (the finish) are kept as long as any
     exercise between them is left;
   - if dropping one exercise from the middle would be enough, the one that frees the
     least time goes (so as little as possible is lost); otherwise the one that frees
     the most time goes, and we look again; ties: the later exercise goes first;
   - with no middle left, the last exercise goes, then only the first remains.

   The **minimum plan** is the first exercise alone, once, in one set. If even that is
   over the budget, :class:`PlanError` says how long it is.

2. **Fair reductions.** From the full doses of the exercises kept, one cut at a time
   is made until the plan fits. Each cut goes to the exercise that has kept the largest
   share of its original volume (reps x sets; ties: the larger volume, then the earlier
   exercise), so cuts spread evenly (10 reps -> 7 while 3 -> 2). The cut removes a set
   if it has more than one, else a repetition. Step 1 guarantees this ends in a fit.
"""

from __future__ import annotations

from fractions import Fraction

from backcare.content.wording import format_duration
from backcare.plans.errors import PlanError
from backcare.plans.plan import Change
from backcare.timeline import Dosed, build_timeline


def _seconds(items: list[Dosed], transition: int) -> int:
    return build_timeline(items, transition).total_seconds


def _once(item: Dosed) -> Dosed:
    return Dosed(item.exercise, item.dose.model_copy(update={"reps": 1, "sets": 1}))


def minimum_seconds(items: tuple[Dosed, ...], transition: int) -> int:
    """Length of the minimum plan: the first exercise alone, once, in one set."""
    return _seconds([_once(items[0])], transition)


def _choose_drop(kept: list[int], short: list[Dosed], transition: int, budget: int) -> int:
    """Index (into ``kept``) of the exercise to drop next, by the rules above."""
    if len(kept) == 2:
        return 1
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
    short = [_once(item) for item in items]
    kept = list(range(len(items)))
    while _seconds([short[i] for i in kept], transition) > budget:
        if len(kept) == 1:
            need = minimum_seconds(items, transition)
            raise PlanError(
                f"This routine needs at least {format_duration(need)}, even cut down to "
                f"its first exercise ({items[0].exercise.name}) done just once, and you "
                f"have {format_duration(budget)}. Give it a little more time, or choose "
                f"a shorter routine.",
                minimum_seconds=need,
            )
        kept.pop(_choose_drop(kept, short, transition, budget))

    fits = format_duration(budget)
    changes = [
        Change("dropped-for-time", item.exercise.slug, None,
               f"Left out so the plan fits in your {fits}.")
        for i, item in enumerate(items) if i not in kept
    ]
    current = [items[i] for i in kept]
    while _seconds(current, transition) > budget:
        pos = max(
            (p for p, item in enumerate(current) if _volume(item) > 1),
            key=lambda p: (Fraction(_volume(current[p]), _volume(items[kept[p]])),
                           _volume(current[p]), -p),
        )
        dose = current[pos].dose
        cut = {"sets": dose.sets - 1} if dose.sets > 1 else {"reps": dose.reps - 1}
        current[pos] = Dosed(current[pos].exercise, dose.model_copy(update=cut))

    for pos, item in enumerate(current):
        before = items[kept[pos]].dose
        slug, hold = item.exercise.slug, item.dose.hold_seconds
        side = " per side" if item.exercise.per_side else ""
        if item.dose.sets < before.sets:
            changes.append(Change(
                "sets-reduced", slug, None,
                f"Cut from {before.sets} sets to {item.dose.sets} so the plan fits in "
                f"your {fits}.",
            ))
        if item.dose.reps < before.reps:
            changes.append(Change(
                "reps-reduced", slug, None,
                f"Cut from {before.reps} to {item.dose.reps} "
                f"{'repetition' if item.dose.reps == 1 else 'repetitions'}{side} so the "
                f"plan fits in your {fits}. Each hold still lasts its full {hold} s.",
            ))
    return tuple(current), tuple(changes)
