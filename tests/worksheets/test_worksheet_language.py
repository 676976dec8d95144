"""A worksheet in Spanish is Spanish throughout, and every worksheet states the play script's
exact total: the number the API, the pages and both players give."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcare.content import Library
from backcare.content.wording import format_duration
from backcare.plans import NONE_KNOWN, OTHER, PlanError, Profile, make_plan
from backcare.playscript import build_script
from backcare.vocabulary import use
from backcare.worksheets import fonts, plan_worksheet, routine_worksheet
from backcare.worksheets.default_sheet import default_worksheet
from backcare.worksheets.pdf import render_pdf
from backcare.worksheets.sheet import plan_sheet, routine_sheet
from backcare.worksheets.wording import dose_text

from .conftest import page_texts

FIVE = "back-pain-relief-stretches-5-minute-real-time-routine"
CRACK = "dont-crack-your-back"
#: Phrases the worksheet says in English; none may be left in a Spanish worksheet.
ENGLISH = (
    "printable worksheet", "Who it suits", "How to use this sheet", "Get help now if",
    "The exercises", "Take care", "Two-week log", "Pain before", "Pain after", "Notes",
    "Page 1 of", "Total time", "exercises", "each side", " times", "once", "twice", "Hold ",
    "hold ", " rounds", "Fitted for you", "What changed", "Left out", "Swapped for",
    "Minutes you have", "Health conditions", "Cut from", "healthcare provider",
)
SPANISH = ("hoja para imprimir", "Para quién es", "Cómo usar esta hoja", "Pide ayuda ya si…",
           "Los ejercicios", "Ten cuidado", "Registro de dos semanas", "Dolor antes",
           "Dolor después", "Notas", "Página 1 de", "Tiempo total")
TOTAL = re.compile(r"(?:Total time|Tiempo total) ((?:\d+ min)? ?(?:\d+ s)?) · (\d+) ")


def stated_total(pdf: bytes) -> int:
    """The total time the worksheet's first page states, in seconds."""
    found = TOTAL.search(page_texts(pdf)[0])
    assert found, "the worksheet states no total time"
    minutes = re.search(r"(\d+) min", found.group(1))
    seconds = re.search(r"(\d+) s", found.group(1))
    return (int(minutes.group(1)) * 60 if minutes else 0) + (int(seconds.group(1)) if seconds else 0)


@pytest.mark.parametrize("slug", [FIVE, CRACK, "upper-back-pain-exercises-stretches"])
def test_a_spanish_worksheet_is_spanish(library: Library, slug: str) -> None:
    spanish = library.in_language("es")
    pdf = routine_worksheet(library, slug, cache=None, language="es").pdf
    text = " ".join(page_texts(pdf))
    routine = spanish.routines[slug]
    assert routine.title != library.routines[slug].title
    for phrase in (*SPANISH, routine.title, spanish.site.disclaimer_short):
        assert re.sub(r"\s+", " ", phrase) in text, phrase
    with use("es"):
        doses = [dose_text(d.dose, d.exercise) for d in spanish.dosed(routine)]
    for number, (item, dose) in enumerate(zip(spanish.dosed(routine), doses, strict=True), 1):
        assert f"{number}. {item.exercise.name}" in text
        assert dose in text
    for phrase in ENGLISH:
        assert phrase not in text, f"{phrase!r} is English"
    for letter in "áéíóúñ":
        assert letter in text


def test_a_spanish_plan_worksheet_is_spanish(library: Library) -> None:
    plan = make_plan(library, FIVE, Profile(floor=False, conditions=frozenset({"disc", "pregnancy"}),
                                            minutes=3, pain=5, skip=("bridge",)))
    text = " ".join(page_texts(plan_worksheet(library, plan, cache=None, language="es").pdf))
    for phrase in ("Adaptada para ti", "Qué cambia respecto a la rutina", "Bajar al suelo: te cuesta",
                   "Problemas de salud: un problema de disco y embarazo", "Minutos que tienes: 3 min",
                   "Dolor hoy: 5 de 10", "Se ha dejado fuera por embarazo", "Cambiado por",
                   "· adaptada para ti"):
        assert phrase in text, phrase
    for phrase in ENGLISH:
        assert phrase not in text, f"{phrase!r} is English"
    # the plan was made in English: the worksheet remade it, so no English reason is left
    assert "pregnancy" not in text and "disc problem" not in text


def test_the_font_draws_every_spanish_letter(library: Library) -> None:
    letters = "áéíóúñüÁÉÍÓÚÑÜ¿¡"
    assert fonts.missing_glyphs(letters) == set()
    with use("es"):
        sheet = routine_sheet(library.in_language("es"), FIVE)
        odd = replace(sheet, suits="¿Pingüino? ¡Ñandú! Árbol, acción, índice, óvalo, único.")
        pdf = render_pdf(odd, "a4", None).pdf
    text = " ".join(page_texts(pdf))
    assert "¿Pingüino? ¡Ñandú! Árbol, acción, índice, óvalo, único." in text


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_routine_worksheet_states_the_scripts_total(library: Library, language: str) -> None:
    for slug in library.routines:
        total = build_script(library.timeline(slug)).total_seconds
        assert total == library.estimated_seconds(slug)
        pdf = routine_worksheet(library, slug, language=language).pdf
        assert stated_total(pdf) == total, slug
    text = page_texts(routine_worksheet(library, FIVE, language="en").pdf)[0]
    assert "Total time 5 min 29 s · 6 exercises" in text  # 329 s, every get-ready counted


PLANS = [
    (FIVE, Profile(floor=False, conditions=frozenset({NONE_KNOWN}), minutes=3)),
    (FIVE, Profile(floor=True, conditions=frozenset({"pregnancy"}))),
    (CRACK, Profile(floor=True, conditions=frozenset({NONE_KNOWN}), minutes=4)),
    ("10-best-lower-back-exercises", Profile(floor=True, conditions=frozenset({"osteoporosis"}))),
    ("seated-back-pain-relief-stretches", Profile(floor=True, minutes=12, skip=("seated-cat-cow",))),
]


@pytest.mark.parametrize(("slug", "profile"), PLANS)
def test_a_plan_worksheet_states_the_scripts_total(library: Library, slug: str,
                                                   profile: Profile) -> None:
    plan = make_plan(library, slug, profile)
    total = build_script(plan.timeline).total_seconds
    assert total == plan.total_seconds
    for language in ("en", "es"):
        assert stated_total(plan_worksheet(library, plan, language=language).pdf) == total


def test_the_default_worksheet_states_the_safe_default_plans_total(library: Library) -> None:
    from backcare.plans import safe_default_plan

    plan = safe_default_plan(library, CRACK)
    assert plan.left_out  # prone props: so the worksheet is the plan's
    assert stated_total(default_worksheet(library, CRACK).pdf) == plan.total_seconds


def _profiles(library: Library) -> st.SearchStrategy[tuple[str, Profile]]:
    conditions = st.one_of(
        st.none(), st.just(frozenset({NONE_KNOWN})),
        st.sets(st.sampled_from([*library.rules.names, OTHER]), min_size=1, max_size=3)
        .map(frozenset))

    @st.composite
    def case(draw: st.DrawFn) -> tuple[str, Profile]:
        slug = draw(st.sampled_from(sorted(library.routines)))
        items = sorted({i.exercise for i in library.routines[slug].items})
        return slug, Profile(
            floor=draw(st.booleans()), conditions=draw(conditions),
            minutes=draw(st.one_of(st.none(), st.integers(1, 30))),
            skip=tuple(draw(st.lists(st.sampled_from(items), max_size=2, unique=True))))

    return case()


def test_for_random_plans_the_sheet_the_plan_and_the_script_agree(library: Library) -> None:
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_profiles(library), st.sampled_from(["en", "es"]))
    def check(case: tuple[str, Profile], language: str) -> None:
        slug, profile = case
        try:
            plan = make_plan(library, slug, profile)
        except PlanError:
            return
        with use(language):
            sheet = plan_sheet(library.in_language(language), plan)
        script = build_script(plan.timeline).total_seconds
        assert sheet.total_seconds == plan.total_seconds == script
        with use(language):
            assert format_duration(script) in sheet.subtitle

    check()
