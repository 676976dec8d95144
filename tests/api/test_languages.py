"""The API in English and Spanish (?lang= or Accept-Language), and one duration everywhere:
a routine's estimated_seconds is its timeline's total_seconds, which is the sum of the
play script's phases, for every routine and for plans."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from backcare.content import Library
from backcare.planning.screen_memory import COOKIE, signed_pass
from backcare.plans import QUESTIONS, run_screen, safe_default_plan
from backcare.playscript import KINDS, build_script
from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.site.api_errors import PYDANTIC_MESSAGES
from backcare.vocabulary import gettext, use

from .conftest import FIVE_MINUTE

CRACK = "dont-crack-your-back"
DEVICE = "5d0c2f2a-8a51-4a43-9a57-7c1e3b2f9d10"
NO_FLAGS = {q.id: False for q in QUESTIONS}


def get(client: Client, url: str, **headers: str) -> tuple[int, Any, Any]:
    response = client.get(url, **headers)
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response.status_code, response.json(), response


def spanish(message: str) -> str:
    """``message`` as the Spanish catalogue says it; a message it lacks fails the test."""
    with use("es"):
        said = gettext(message)
    assert said != message, f"no Spanish for {message!r}"
    return said


# --- Spanish text fields -----------------------------------------------------------------

def test_a_routine_in_spanish_with_lang(client: Client, library: Library) -> None:
    status, body, response = get(client, f"/api/routines/{CRACK}?lang=es")
    assert status == 200 and response["Content-Language"] == "es"
    english, es = library.routines[CRACK], library.in_language("es").routines[CRACK]
    assert (body["title"], body["summary"], body["suits"]) == (es.title, es.summary, es.suits)
    assert body["title"] != english.title
    assert [p["name"] for p in body["phases"]] == [p.name for p in es.phases]
    names = {e.slug: e.name for e in library.in_language("es").exercises.values()}
    assert [e["name"] for e in body["exercises"]] == [names[e["slug"]] for e in body["exercises"]]
    # Identifiers stay as they are; the labels beside them are Spanish.
    assert body["slug"] == CRACK and body["exercises"][0]["position"] == "on-back"
    assert body["exercises"][0]["position_label"] == spanish("Lying on your back")
    assert [(i["exercise"], i["reason"]) for i in body["left_out"]] == [
        ("prone-props", "needs-known-condition")]
    _, english_body, _ = get(client, f"/api/routines/{CRACK}")
    assert body["left_out"][0]["why"] != english_body["left_out"][0]["why"]


def test_an_exercise_in_spanish_with_accept_language(client: Client, library: Library) -> None:
    status, body, response = get(client, "/api/exercises/pelvic-tilt",
                                 HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9,en;q=0.5")
    assert status == 200 and response["Content-Language"] == "es"
    assert "Accept-Language" in response["Vary"]
    es = library.in_language("es").exercises["pelvic-tilt"]
    assert body["name"] == es.name != library.exercises["pelvic-tilt"].name
    assert (body["summary"], body["steps"], body["cues"]) == (es.summary, list(es.steps),
                                                              list(es.cues))
    assert body["kind"] == "mobility" and body["movements"] == ["mid-range", "lying-on-back"]
    # ?lang= wins over the header.
    _, body, response = get(client, "/api/exercises/pelvic-tilt?lang=en",
                            HTTP_ACCEPT_LANGUAGE="es")
    assert body["name"] == library.exercises["pelvic-tilt"].name
    assert response["Content-Language"] == "en"


def test_english_is_the_default(client: Client, library: Library) -> None:
    for headers in ({}, {"HTTP_ACCEPT_LANGUAGE": "fr-FR,de;q=0.8"}):
        _, body, response = get(client, "/api/exercises", **headers)
        assert response["Content-Language"] == "en"
        assert {e["name"] for e in body} == {e.name for e in library.exercises.values()}


def test_the_timeline_in_spanish(client: Client, library: Library) -> None:
    status, body, _ = get(client, f"/api/timeline?routine={FIVE_MINUTE}&lang=es")
    assert status == 200 and body["language"] == "es"
    with use("es"):
        plan = safe_default_plan(library.in_language("es"), FIVE_MINUTE)
        expected = [phase.as_dict() for phase in build_script(plan.timeline).phases]
    assert body["phases"] == expected
    _, english, _ = get(client, f"/api/timeline?routine={FIVE_MINUTE}")
    assert english["language"] == "en" and english["total_seconds"] == body["total_seconds"]
    for es, en in zip(body["phases"], english["phases"], strict=True):
        assert (es["kind"], es["seconds"], es["exercise"], es["side"]) == (
            en["kind"], en["seconds"], en["exercise"], en["side"])
        assert es["kind"] in KINDS
    ready = [(es, en) for es, en in zip(body["phases"], english["phases"], strict=True)
             if es["kind"] == "get-ready"]
    assert ready and all(es["text"] != en["text"] and es["say"] != en["say"] for es, en in ready)
    assert body["phases"][-1]["text"] == spanish("Done. Well done.")


def test_the_safety_questions_in_spanish(client: Client) -> None:
    _, body, _ = get(client, "/api/screen?lang=es")
    _, english, _ = get(client, "/api/screen")
    assert [q["id"] for q in body["questions"]] == [q["id"] for q in english["questions"]]
    assert body["version"] == english["version"]  # the wording does not make a new version
    assert body["how_to_answer"] != english["how_to_answer"]


# --- Errors in Spanish -------------------------------------------------------------------

def test_a_404_in_spanish(client: Client) -> None:
    status, body, response = get(client, "/api/routines/xyz?lang=es")
    assert status == 404 and response["Content-Language"] == "es"
    assert body["detail"] == spanish(
        "No routine called {slug}. See /api/routines for the list.").format(slug="'xyz'")
    status, body, _ = get(client, "/api/no/such/thing", HTTP_ACCEPT_LANGUAGE="es")
    assert status == 404 and "/api/no/such/thing" in body["detail"]
    assert body["detail"] == spanish(
        "No API endpoint at /api/{path}. See /api/docs for the list.").format(path="no/such/thing")


def test_a_422_in_spanish_pydantics_and_ours(client: Client) -> None:
    status, body, _ = get(client, "/api/timeline?lang=es")
    assert status == 422
    assert body["detail"] == [{"loc": ["query", "routine"], "type": "missing",
                               "msg": spanish(PYDANTIC_MESSAGES.english("missing"))}]
    status, body, _ = get(client, "/api/exercises?no_floor=maybe&lang=es")
    assert status == 422 and body["detail"][0]["type"] == "bool_parsing"
    assert body["detail"][0]["msg"] == spanish("must be true or false")
    payload = {"id": "8c0d9c55-5d3e-4a0c-9e0a-5b8a4c1b2d3e", "routine": FIVE_MINUTE,
               "started_at": "3001-01-01T08:00:00+00:00", "ended_at": "3001-01-01T08:05:00+00:00",
               "pain_before": 3, "steps_done": 1, "steps_total": 1}
    response = client.post("/api/sessions?lang=es", json.dumps(payload),
                           content_type="application/json")
    assert response.status_code == 422
    messages = {p["loc"][-1]: p["msg"] for p in response.json()["detail"]}
    assert messages["started_at"] == spanish("is not a date of a session being saved now")


def test_the_guards_refusals_in_spanish(client: Client) -> None:
    response = client.post("/api/plans?lang=es", "hello", content_type="text/plain")
    assert response.status_code == 415 and response["Content-Language"] == "es"
    assert response.json()["detail"] == spanish(
        "The body must be JSON sent as {json}, not {sent}.").format(json="application/json",
                                                                     sent="text/plain")
    response = client.post("/api/plans", "{not json", content_type="application/json",
                           HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 400
    assert response.json()["detail"] == spanish("The request body is not valid JSON.")
    response = client.post("/api/plans?lang=es", "{}", content_type="application/json",
                           HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    assert response.json()["detail"] == spanish("Writes from another site are refused.")


def test_an_unknown_lang_is_400_and_documented(client: Client) -> None:
    status, body, _ = get(client, "/api/routines?lang=klingon")
    assert status == 400 and body["detail"][0]["loc"] == ["query", "lang"]
    spec = client.get("/api/openapi.json").json()
    assert "LanguageRefused" in spec["components"]["schemas"]
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            params = {p["name"]: p for p in operation["parameters"]}
            assert params["lang"]["schema"]["enum"] == ["en", "es"], (path, method)
            assert "LanguageRefused" in json.dumps(operation["responses"]["400"]), (path, method)
    assert "Accept-Language" in spec["info"]["description"]


def test_the_play_script_has_its_own_schema(client: Client) -> None:
    spec = client.get("/api/openapi.json").json()
    schemas = spec["components"]["schemas"]
    ref = schemas["TimelineOut"]["properties"]["phases"]["items"]["$ref"]
    phase = schemas[ref.rsplit("/", 1)[-1]]
    assert {"kind", "seconds", "exercise", "side", "rep", "reps", "set", "sets", "text",
            "say"} <= set(phase["required"])
    assert "sum of the phases" in schemas["TimelineOut"]["properties"]["total_seconds"]["description"]
    routine_phase = schemas["RoutineDetail"]["properties"]["phases"]["items"]["$ref"]
    assert routine_phase != ref


# --- One duration ------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_routines_estimate_is_its_timelines_total(client: Client, library: Library,
                                                        lang: str) -> None:
    _, listing, _ = get(client, f"/api/routines?lang={lang}")
    listed = {r["slug"]: r["estimated_seconds"] for r in listing}
    assert set(listed) == set(library.routines)
    for slug in library.routines:
        _, detail, _ = get(client, f"/api/routines/{slug}?lang={lang}")
        status, timeline, _ = get(client, f"/api/timeline?routine={slug}&lang={lang}")
        assert status == 200
        total = timeline["total_seconds"]
        assert detail["estimated_seconds"] == listed[slug] == total, slug
        assert sum(phase["seconds"] for phase in timeline["phases"]) == total, slug
        script = build_script(safe_default_plan(library, slug).timeline)
        assert total == script.total_seconds, slug
        assert timeline["phases"][-1]["kind"] == "done"
        starts = [phase["starts_at"] for phase in timeline["phases"]]
        assert starts == sorted(starts) and starts[-1] == total


PLANS = [
    (FIVE_MINUTE, {"floor": True, "conditions": ["none-known"], "minutes": 3}),
    (FIVE_MINUTE, {"floor": False, "conditions": ["none-known"]}),
    (CRACK, {"floor": True, "conditions": ["disc"]}),
    ("10-best-lower-back-exercises", {"floor": True, "conditions": ["osteoporosis"],
                                      "minutes": 5}),
    ("upper-back-pain-exercises-stretches", {"floor": False, "conditions": ["other"]}),
]


def _query(answers: dict[str, Any]) -> str:
    params = {"floor": "1" if answers["floor"] else "0",
              "conditions": ",".join(answers["conditions"])}
    if "minutes" in answers:
        params["minutes"] = str(answers["minutes"])
    return "&".join(f"{k}={v}" for k, v in params.items())


@pytest.mark.django_db
@pytest.mark.parametrize(("routine", "answers"), PLANS)
def test_a_plans_phases_add_up_and_both_plan_routes_agree(routine: str,
                                                          answers: dict[str, Any]) -> None:
    client = Client()
    response = client.post("/api/plans", json.dumps({"routine": routine, "red_flags": NO_FLAGS,
                                                     **answers}),
                           content_type="application/json")
    assert response.status_code == 200, response.content[:300]
    posted = response.json()
    assert sum(phase["seconds"] for phase in posted["phases"]) == posted["total_seconds"]
    if "minutes" in answers:
        assert posted["total_seconds"] <= answers["minutes"] * 60
    screened = Client()
    screened.cookies[DEVICE_COOKIE] = DEVICE
    screened.cookies[COOKIE] = signed_pass(DEVICE)
    status, got, _ = get(screened, f"/api/timeline?routine={routine}&{_query(answers)}")
    assert status == 200, got
    assert (got["total_seconds"], got["phases"]) == (posted["total_seconds"], posted["phases"])
    # In Spanish: the same seconds, other words.
    status, es, _ = get(screened, f"/api/timeline?routine={routine}&{_query(answers)}&lang=es")
    assert status == 200 and es["total_seconds"] == got["total_seconds"]
    assert [p["seconds"] for p in es["phases"]] == [p["seconds"] for p in got["phases"]]
    assert es["phases"][0]["text"] != got["phases"][0]["text"]
    reasons = [(c["kind"], c["reason"]) for c in got["changes"]]
    es_reasons = [(c["kind"], c["reason"]) for c in es["changes"]]
    assert [k for k, _ in es_reasons] == [k for k, _ in reasons]
    assert all(es_said != said for (_, es_said), (_, said) in zip(es_reasons, reasons, strict=True))
    assert [i["reason"] for i in es["left_out"]] == [i["reason"] for i in got["left_out"]]
    assert all(a["why"] != b["why"] for a, b in zip(es["left_out"], got["left_out"], strict=True))


def test_a_red_flag_refusal_in_spanish(client: Client) -> None:
    urgent = next(q.id for q in QUESTIONS if q.urgent)
    answers = {**NO_FLAGS, urgent: True}
    response = client.post("/api/plans?lang=es", json.dumps({"routine": CRACK, "red_flags": answers}),
                           content_type="application/json")
    assert response.status_code == 403
    body = response.json()
    with use("es"):
        screened = run_screen(answers)
        expected = (screened.headline, screened.advice)
    assert (body["detail"], body["advice"]) == expected
    assert body["level"] == "emergency" and body["flagged"] == [urgent]
    english = client.post("/api/plans", json.dumps({"routine": CRACK, "red_flags": answers}),
                          content_type="application/json").json()
    assert english["detail"] != body["detail"]
