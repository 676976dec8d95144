"""The loaded library: immutable look-ups, the exercise finder and routine durations."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from backcare.content.bounds_schema import DoseBoundsFile
from backcare.content.rules_schema import RulesFile
from backcare.content.schema import Condition, Exercise, Routine, SiteText
from backcare.timeline import Dosed, Timeline, build_timeline


def _dosed(exercises: Mapping[str, Exercise], routine: Routine) -> tuple[Dosed, ...]:
    return tuple(
        Dosed(exercises[i.exercise], i.dose.apply(exercises[i.exercise].dose))
        for i in routine.items
    )


def _routines_by_exercise(exercises: Mapping[str, Exercise],
                          routines: Mapping[str, Routine]) -> dict[str, tuple[str, ...]]:
    """Each exercise's routines, in the routines' order: one pass over every routine item
    (not a scan of every routine for each exercise, which grows with their product)."""
    found: dict[str, dict[str, None]] = {slug: {} for slug in exercises}
    for slug, routine in routines.items():
        for item in routine.items:
            if item.exercise in found:
                found[item.exercise][slug] = None
    return {exercise: tuple(slugs) for exercise, slugs in found.items()}


@dataclass(frozen=True)
class ExerciseFilter:
    """What the finder asks for; an empty field matches everything."""

    position: str = ""
    no_floor: bool = False
    body_area: str = ""
    kind: str = ""
    equipment: str = ""  # "none" means: needs no equipment at all
    text: str = ""

    def matches(self, ex: Exercise) -> bool:
        if self.position and ex.position != self.position:
            return False
        if self.no_floor and ex.needs_floor:
            return False
        if self.body_area and self.body_area not in ex.body_areas:
            return False
        if self.kind and ex.kind != self.kind:
            return False
        if self.equipment == "none" and ex.equipment:
            return False
        if self.equipment and self.equipment != "none" and self.equipment not in ex.equipment:
            return False
        if self.text:
            haystack = " ".join((ex.name, *ex.other_names, ex.summary, ex.slug)).lower()
            if not all(word in haystack for word in self.text.lower().split()):
                return False
        return True


@dataclass(frozen=True)
class Library:
    site: SiteText
    exercises: Mapping[str, Exercise]
    routines: Mapping[str, Routine]
    conditions: Mapping[str, Condition]  # the condition *pages* (content/conditions/)
    #: The health conditions a person can tell us about and what they leave out (rules.yaml).
    rules: RulesFile
    _timelines: Mapping[str, Timeline] = field(repr=False)
    _used_by: Mapping[str, tuple[str, ...]] = field(repr=False)
    #: Hash of the content files' bytes (set by the loader; "" when built in memory).
    content_hash: str = ""
    #: The language this library's texts are in.
    language: str = "en"
    #: The same library in each other language with a translations folder.
    translations: Mapping[str, Library] = field(default_factory=dict, repr=False)
    #: Every exercise's slug in the finder's order (by name), sorted once.
    _by_name: tuple[str, ...] = field(default=(), repr=False)
    #: The doses a clinician may prescribe (content/dose-bounds.yaml; every dose the schema
    #: allows when the folder has no such file).
    dose_bounds: DoseBoundsFile = field(default_factory=DoseBoundsFile.unbounded, repr=False)

    @classmethod
    def build(
        cls,
        site: SiteText,
        exercises: dict[str, Exercise],
        routines: dict[str, Routine],
        conditions: dict[str, Condition],
        content_hash: str = "",
        *,
        rules: RulesFile,
        language: str = "en",
        translations: Mapping[str, Library] | None = None,
        dose_bounds: DoseBoundsFile | None = None,
    ) -> Library:
        timelines = {
            slug: build_timeline(_dosed(exercises, routine), routine.transition_seconds)
            for slug, routine in routines.items()
        }
        return cls(
            site=site,
            exercises=MappingProxyType(dict(exercises)),
            routines=MappingProxyType(dict(routines)),
            conditions=MappingProxyType(dict(conditions)),
            rules=rules,
            _timelines=MappingProxyType(timelines),
            _used_by=MappingProxyType(_routines_by_exercise(exercises, routines)),
            content_hash=content_hash,
            language=language,
            translations=MappingProxyType(dict(translations or {})),
            _by_name=tuple(sorted(exercises, key=lambda slug: exercises[slug].name.lower())),
            dose_bounds=dose_bounds or DoseBoundsFile.unbounded(),
        )

    def in_language(self, language: str) -> Library:
        """This library with its texts in ``language`` (itself for its own language, and for
        a language with no translations folder)."""
        if language == self.language:
            return self
        return self.translations.get(language, self)

    def dosed(self, routine: Routine) -> tuple[Dosed, ...]:
        """The routine's exercises in order, each with its dose after the routine's overrides."""
        return _dosed(self.exercises, routine)

    def timeline(self, routine_slug: str) -> Timeline:
        return self._timelines[routine_slug]

    def estimated_seconds(self, routine_slug: str) -> int:
        return self._timelines[routine_slug].total_seconds

    def routines_using(self, exercise_slug: str) -> tuple[Routine, ...]:
        return tuple(self.routines[s] for s in self._used_by.get(exercise_slug, ()))

    def find_exercises(self, query: ExerciseFilter) -> tuple[Exercise, ...]:
        """The exercises ``query`` matches, by name."""
        return tuple(ex for ex in map(self.exercises.__getitem__, self._by_name)
                     if query.matches(ex))
