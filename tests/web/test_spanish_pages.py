"""Every page in Spanish (issue 11): under /es/ nothing the code says is left in English,
``<html lang>`` and the hreflang alternates are right, the switcher keeps the page, a first
visit follows Accept-Language, and every page still carries the disclaimer.

"Nothing left in English" is measured against the catalogue itself: no English msgid (or
the literal part of one, between its placeholders and tags) that its Spanish does not
repeat appears as a whole phrase in what the page shows, its title or its labels.
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from babel.messages.pofile import read_po
from django.test import Client, RequestFactory

from backcare.content import Library
from backcare.plans import QUESTIONS, SOURCES
from backcare.vocabulary import use

from .conftest import Page, read

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "backcare" / "locale" / "es" / "LC_MESSAGES" / "django.po"
FIVE = "back-pain-relief-stretches-5-minute-real-time-routine"
CRACK = "dont-crack-your-back"
UPPER = "upper-back-pain-exercises-stretches"
ALL_NO = {q.id: "no" for q in QUESTIONS}
URGENT = next(q.id for q in QUESTIONS if q.urgent)
NOT_URGENT = next(q.id for q in QUESTIONS if not q.urgent)
PLAN_QUERY = "floor=0&conditions=disc&minutes=3&pain=4"

_SPLIT = re.compile(r"%\(\w+\)[sd]|\{\w*\}|<[^>]*>|%[sd]|\n")
_TRIM = " \t.,:;!?()[]“”\"'‘’«»→←·—–…/"


@cache
def english_phrases() -> tuple[str, ...]:
    """Every piece of English the catalogue translates into something else."""
    with CATALOGUE.open("rb") as fh:
        catalogue = read_po(fh, locale="es")
    phrases: set[str] = set()
    for message in catalogue:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        spanish = " ".join(message.string if isinstance(message.string, tuple)
                           else (message.string,))
        for form in english:
            for fragment in _SPLIT.split(form):
                fragment = fragment.strip(_TRIM)
                if len(fragment) > 3 and fragment.lower() not in spanish.lower():
                    phrases.add(fragment)
    return tuple(sorted(phrases))


def english_in(text: str) -> list[str]:
    for title in SOURCES:  # the guidelines' own titles, named as published
        text = text.replace(title, " ")
    return [phrase for phrase in english_phrases()
            if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text)]


class _Said(HTMLParser):
    """What a page says outside its body text: title, description, labels, alt text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.said: list[str] = []
        self._title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self._title = tag == "title"
        for name in ("aria-label", "alt", "title", "placeholder"):
            if found.get(name):
                self.said.append(found[name] or "")
        if tag == "meta" and found.get("name") == "description":
            self.said.append(found.get("content") or "")

    def handle_data(self, data: str) -> None:
        if self._title:
            self.said.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._title = False


def said_outside_the_text(page: Page) -> str:
    reader = _Said()
    reader.feed(page.html)
    return " ".join(reader.said)


def assert_spanish(page: Page, *words: str) -> None:
    assert page.status in (200, 400, 404, 422), page.status
    assert '<html lang="es">' in page.html
    left = english_in(page.text) + english_in(said_outside_the_text(page))
    assert not left, f"English left on the Spanish page: {left}"
    for word in words:
        assert word in page.text, word


@pytest.fixture
def spanish(library: Library) -> Library:
    return library.in_language("es")


@pytest.fixture
def screened() -> Client:
    """A device that has just passed the safety screen in Spanish."""
    client = Client()
    response = client.post("/es/screen/", ALL_NO)
    assert response.status_code == 302 and response["Location"] == "/es/"
    return client


def test_the_catalogue_check_finds_english() -> None:
    assert "Exercise finder" in english_phrases()
    assert "Exercise finder" in english_in("Abrir el Exercise finder ahora")
    assert english_in("Buscador de ejercicios") == []


# --- the library's pages ------------------------------------------------------------------

def test_the_home_page(page, spanish: Library) -> None:
    p = page("/es/")
    assert_spanish(p, "Ejercicios para la espalda", "¿Dónde te molesta?", "Buscador de ejercicios")
    for condition in spanish.conditions.values():
        assert p.link_to(f"/es/{condition.slug}/") == condition.name


def test_the_back_pain_page(page, spanish: Library) -> None:
    p = page("/es/back-pain/")
    assert_spanish(p, "Las rutinas", "Preparada por backcare", "unos ")
    condition = spanish.conditions["back-pain"]
    assert p.h1 == [condition.name]
    for slug in condition.routines:
        assert p.link_to(f"/es/routines/{slug}/") == spanish.routines[slug].title


@pytest.mark.parametrize("slug", [FIVE, CRACK, UPPER, "seated-back-pain-relief-stretches"])
def test_a_routine_page(page, spanish: Library, slug: str) -> None:
    p = page(f"/es/routines/{slug}/")
    routine = spanish.routines[slug]
    assert_spanish(p, routine.title, routine.summary, "Tiempo", "Adáptala a mí",
                   "Sigue la rutina", "Imprimir la hoja")
    for phase in routine.phases:
        assert phase.name in p.text
    for item in spanish.dosed(routine):
        assert item.exercise.name in p.text


def test_a_routine_page_states_the_script_total_in_spanish(page, spanish: Library) -> None:
    from backcare.catalogue.templatetags.backcare import about, seconds
    from backcare.plans import safe_default_plan
    from backcare.playscript import build_script

    with use("es"):
        plan = safe_default_plan(spanish, FIVE)
        total = build_script(plan.timeline).total_seconds
        stated = f"{about(total)} ({seconds(total)})"
    assert plan.total_seconds == total
    assert stated.startswith("unos ")
    assert stated in page(f"/es/routines/{FIVE}/").text


def test_the_routine_that_leaves_something_out_says_why_in_spanish(page) -> None:
    p = page(f"/es/routines/{CRACK}/")
    assert_spanish(p, "Fuera, salvo que nos cuentes más", "No está en «Sigue la rutina»")


def test_the_exercise_finder(page) -> None:
    assert_spanish(page("/es/exercises/"), "Buscador de ejercicios", "Postura",
                   "Zona del cuerpo", "Tipo de ejercicio", "Material", "Sin bajar al suelo")
    assert_spanish(page("/es/exercises/?kind=stretch&no_floor=1"), "Quitar todos los filtros")
    assert_spanish(page("/es/exercises/?q=zzzzzz"), "Ningún ejercicio coincide")
    bad = page("/es/exercises/?kind=yoga")
    assert bad.status == 400
    assert_spanish(bad, "No conocemos ese valor del filtro", "Tipo de ejercicio", "Estiramiento")


def test_every_exercise_page(page, spanish: Library) -> None:
    for slug, exercise in spanish.exercises.items():
        p = page(f"/es/exercises/{slug}/")
        assert p.h1 == [exercise.name]
        assert_spanish(p, "Cómo se hace", "Cantidad habitual", exercise.summary, *exercise.steps)


def test_an_exercise_page_names_conditions_from_the_spanish_rules(page, spanish: Library) -> None:
    limited = next(e for e in spanish.exercises.values() if e.rules.only_with_conditions)
    p = page(f"/es/exercises/{limited.slug}/")
    assert "Solo para" in p.text
    for condition in limited.rules.only_with_conditions:
        found = spanish.rules.get(condition)
        assert found is not None and found.in_sentence in p.text


def test_the_demo_gallery_and_disclaimer_and_404(page, spanish: Library) -> None:
    assert_spanish(page("/es/exercises/demos/"), "Cómo se hace cada ejercicio")
    disclaimer = page("/es/disclaimer/")
    assert_spanish(disclaimer, "Aviso legal", *spanish.site.disclaimer)
    missing = page("/es/routines/no-such-routine/")
    assert missing.status == 404
    assert_spanish(missing, "No hemos encontrado esa página")


def test_the_demo_figures_are_described_in_spanish(page, spanish: Library) -> None:
    p = page("/es/exercises/bridge/")
    alts = [attrs.get("alt") or "" for tag, attrs in p.tags if tag == "img"]
    assert alts and all(spanish.exercises["bridge"].name in alt for alt in alts)
    assert not any(english_in(alt) or alt.startswith("Animated figure") for alt in alts)


# --- the planning pages -------------------------------------------------------------------

def test_the_safety_screen(screened: Client) -> None:
    client = Client()
    p = read(client.get(f"/es/screen/?next=/es/routines/{UPPER}/fit/"))
    assert_spanish(p, "Revisión de seguridad antes de hacer ejercicio", "Comprobar mis respuestas",
                   "sobre el cuello")
    missing = read(client.post("/es/screen/", {NOT_URGENT: "no"}))
    assert missing.status == 400
    assert_spanish(missing, "Responde a todas las preguntas", "Elige sí o no, por favor.")


def test_the_safety_screens_stop_pages() -> None:
    client = Client()
    emergency = read(client.post("/es/screen/", {URGENT: "yes"}))
    assert_spanish(emergency, "Busca atención médica ahora", "Respondiste que sí a")
    soon = read(client.post("/es/screen/", {**ALL_NO, NOT_URGENT: "yes"}))
    assert_spanish(soon, "Busca atención médica antes de hacer ejercicio", "Pide ayuda ya si")


def test_a_spanish_routine_asks_its_own_questions_and_comes_back_in_spanish() -> None:
    client = Client()
    fit = f"/es/routines/{FIVE}/fit/"
    response = client.get(fit)
    assert response.status_code == 302
    assert response["Location"].startswith("/es/screen/?")
    assert parse_qs(urlsplit(response["Location"]).query)["next"] == [fit]
    back = client.post("/es/screen/", {**ALL_NO, "next": fit})
    assert back["Location"] == fit
    assert client.get(fit).status_code == 200


def test_the_fit_form(screened: Client) -> None:
    p = read(screened.get(f"/es/routines/{FIVE}/fit/"))
    assert_spanish(p, "Adapta esta rutina a ti", "Minutos que tienes", "Ninguno que yo sepa",
                   "Ver mi plan")
    wrong = read(screened.get(f"/es/routines/{FIVE}/plan/?floor=1&minutes=lots"))
    assert wrong.status == 400
    assert_spanish(wrong, "Revisa algunas respuestas", "Minutos que tienes")


def test_the_plan_page(screened: Client) -> None:
    p = read(screened.get(f"/es/routines/{FIVE}/plan/?{PLAN_QUERY}"))
    assert p.status == 200
    assert_spanish(p, "Tiempo total", "Con calma", "Qué ha cambiado y por qué",
                   "Los ejercicios, en orden", "4 de 10")
    assert re.search(r'class="plan-total">\d+ min( \d+ s)?<', p.html)


def test_the_plan_that_cannot_be_made(screened: Client) -> None:
    p = read(screened.get(f"/es/routines/{CRACK}/plan/?floor=0&conditions=none-known&minutes=1"))
    assert p.status == 422
    assert_spanish(p, "No hemos podido adaptar esta rutina a ti", "Pruébala con 2 minutos",
                   "Cambiar mis respuestas")


# --- the history pages --------------------------------------------------------------------

def test_the_history_pages() -> None:
    from datetime import timedelta
    from uuid import uuid4

    from django.utils import timezone

    from backcare.practice.device import COOKIE
    from backcare.practice.models import PracticeSession

    client = Client()
    empty = read(client.get("/es/history/"))
    assert_spanish(empty, "Tu historial", "Todavía no hay sesiones", "Elige una rutina")

    device = str(uuid4())
    client.cookies[COOKIE] = device
    start = timezone.now() - timedelta(days=1)
    for before, after, stopped in ((6, 4, False), (7, None, True)):
        PracticeSession.objects.create(
            id=uuid4(), device=device, routine=FIVE, plan="", started_at=start,
            ended_at=start + timedelta(minutes=5), pain_before=before, pain_after=after,
            feeling="better" if after else "", steps_done=5, steps_total=13,
            stopped_for_pain=stopped)
        start += timedelta(hours=2)
    full = read(client.get("/es/history/"))
    assert_spanish(full, "Dolor antes y después", "Parada porque dolía", "Mejor", "sin dato",
                   "Parada antes de tiempo (5 de 13 pasos)")
    assert "2 sesiones del " in full.html  # the chart's description, in Spanish too
    assert_spanish(read(client.get("/es/history/delete/")), "¿Borrar todo lo de este dispositivo?")
    done = read(client.get("/es/history/?deleted=one"))
    assert_spanish(done, "Esa sesión se ha borrado.")


# --- the frame: lang, hreflang, the switcher, the first visit, the disclaimer --------------

EVERY_PAGE = ["/", "/back-pain/", f"/routines/{FIVE}/", "/exercises/", "/exercises/bridge/",
              "/exercises/demos/", "/disclaimer/", "/history/", "/screen/"]


def _alternates(page: Page) -> dict[str, str]:
    return {attrs["hreflang"] or "": attrs["href"] or ""
            for tag, attrs in page.tags if tag == "link" and attrs.get("rel") == "alternate"}


@pytest.mark.parametrize("url", EVERY_PAGE)
def test_both_languages_say_which_they_are_and_where_the_other_is(page, url: str) -> None:
    english, spanish = page(url), page(f"/es{url}")
    assert english.status == spanish.status == 200
    assert '<html lang="en">' in english.html and '<html lang="es">' in spanish.html
    expected = {"en": f"http://testserver{url}", "es": f"http://testserver/es{url}",
                "x-default": f"http://testserver{url}"}
    assert _alternates(english) == expected == _alternates(spanish)


@pytest.mark.parametrize("url", EVERY_PAGE)
def test_every_page_in_both_languages_shows_the_disclaimer(page, library: Library, url: str) -> None:
    for prefix, language in (("", "en"), ("/es", "es")):
        p = page(f"{prefix}{url}")
        assert library.in_language(language).site.disclaimer_short in p.text, (language, url)
        assert p.link_to(f"{prefix}/disclaimer/")


def _switcher(page: Page) -> list[tuple[str, dict[str, str]]]:
    """The language switcher's links: (text, attributes)."""
    html = page.html.split('<nav class="languages"', 1)[1].split("</nav>", 1)[0]
    return [(text, dict(re.findall(r'([\w-]+)="([^"]*)"', attrs)))
            for attrs, text in re.findall(r"<a ([^>]*)>([^<]*)</a>", html)]


def test_the_switcher_names_each_language_in_itself_and_marks_the_current(page) -> None:
    for url, current in ((f"/routines/{FIVE}/", "English"), (f"/es/routines/{FIVE}/", "Español")):
        links = _switcher(page(url))
        assert [text for text, _ in links] == ["English", "Español"]
        for text, attrs in links:
            code = "en" if text == "English" else "es"
            assert attrs["lang"] == attrs["hreflang"] == code
            assert (attrs.get("aria-current") == "true") == (text == current)


def test_the_switcher_keeps_the_page(page) -> None:
    chooser = Client()
    response = chooser.get(f"/language/es/?next=/routines/{FIVE}/")
    assert response.status_code == 302 and response["Location"] == f"/es/routines/{FIVE}/"
    # the choice is remembered: a later visit from elsewhere opens the Spanish page
    assert chooser.get("/back-pain/")["Location"] == "/es/back-pain/"
    # the links on each page lead to the same page in the other language, query and all
    for url, other, expected in (
        ("/exercises/?kind=stretch&no_floor=1", "Español", "/es/exercises/?kind=stretch&no_floor=1"),
        ("/es/exercises/?kind=stretch&no_floor=1", "English", "/exercises/?kind=stretch&no_floor=1"),
        (f"/es/routines/{FIVE}/", "English", f"/routines/{FIVE}/"),
    ):
        link = dict(_switcher(page(url)))[other]["href"].replace("&amp;", "&")
        assert link.startswith(f"/language/{'es' if other == 'Español' else 'en'}/?next=")
        response = Client().get(link)
        assert response.status_code == 302 and response["Location"] == expected, link


def test_the_first_visit_follows_accept_language_unless_it_comes_from_this_site() -> None:
    first = Client().get("/back-pain/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9,en;q=0.5")
    assert first.status_code == 302 and first["Location"] == "/es/back-pain/"
    from_here = Client().get("/back-pain/", HTTP_ACCEPT_LANGUAGE="es",
                             HTTP_REFERER="http://testserver/es/back-pain/")
    assert from_here.status_code == 200
    assert '<html lang="en">' in from_here.content.decode()
    assert Client().get("/back-pain/", HTTP_ACCEPT_LANGUAGE="en-GB,en").status_code == 200


def test_the_server_error_page_speaks_the_language_of_the_page(rf: RequestFactory) -> None:
    from django.utils import translation

    from backcare.catalogue.views import server_error

    with translation.override("es"):
        page = server_error(rf.get("/es/")).content.decode()
    assert '<html lang="es">' in page and 'href="/es/"' in page
    assert "Algo ha fallado por nuestra parte" in page
    assert not english_in(re.sub(r"<[^>]+>", " ", page.split("<body>", 1)[1]))
