"""GET /api/shared/<code>: the program as its patient sees it, with no account."""

from __future__ import annotations

from django.test import Client

from backcare.prescribing import format_code
from backcare.programs.models import Program

from .conftest import NOTE, add_version, evening_draft


def test_the_shape(program: Program) -> None:
    response = Client().get(f"/api/shared/{program.code}")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    shared = response.json()
    assert set(shared) == {"title", "note", "clinician", "clinic", "version", "updated_at",
                           "items", "timeline"}
    assert (shared["title"], shared["note"], shared["clinician"], shared["clinic"],
            shared["version"]) == ("Evening back care", NOTE, "Carol Ames", "Clinic North", 1)
    assert [item["exercise"] for item in shared["items"]] == ["pelvic-tilt", "bridge", "cat-cow"]
    tilt, bridge, cat_cow = shared["items"]
    assert set(tilt) == {"exercise", "name", "hold_seconds", "reps", "sets", "per_side", "note",
                         "chosen_by_therapist"}
    assert (tilt["name"], tilt["hold_seconds"], tilt["reps"], tilt["note"]) == (
        "Pelvic tilt", 7, 6, "Breathe out as you tilt.")
    assert bridge["reps"] == 8 and not bridge["chosen_by_therapist"]
    assert cat_cow["chosen_by_therapist"]
    timeline = shared["timeline"]
    assert timeline["routine"] == "" and timeline["title"] == "Evening back care"
    assert sum(p["seconds"] for p in timeline["phases"]) == timeline["total_seconds"]
    assert {s["exercise"] for s in timeline["steps"]} == {"pelvic-tilt", "bridge", "cat-cow"}


def test_in_spanish(program: Program) -> None:
    shared = Client().get(f"/api/shared/{program.code}?lang=es").json()
    assert shared["items"][0]["name"] != "Pelvic tilt"
    assert shared["timeline"]["language"] == "es"


def test_any_case_and_dashes_and_unknown_codes(program: Program) -> None:
    assert Client().get(f"/api/shared/{format_code(program.code).lower()}").status_code == 200
    unknown = "ACDEFGHJ" if program.code != "ACDEFGHJ" else "ACDEFGHK"
    for code in (unknown, "nope"):
        response = Client().get(f"/api/shared/{code}")
        assert response.status_code == 404 and response.json()["detail"]
    # the share link's key is not a code
    assert Client().get(f"/api/shared/{program.share_key}").status_code == 404


def test_a_new_version_shows_at_once(program: Program) -> None:
    client = Client()
    assert client.get(f"/api/shared/{program.code}").json()["version"] == 1
    add_version(program, evening_draft("Week two"))
    shared = client.get(f"/api/shared/{program.code}").json()
    assert (shared["version"], shared["title"]) == (2, "Week two")


def test_lookups_are_rate_limited(program: Program) -> None:
    client = Client()
    for _ in range(30):
        client.get("/api/shared/ACDEFGHJ")
    held = client.get(f"/api/shared/{program.code}")
    assert held.status_code == 429
    assert int(held["Retry-After"]) >= 1 and held.json()["detail"]


def test_it_is_in_the_api_document(db: object) -> None:
    schema = Client().get("/api/openapi.json").json()
    operation = schema["paths"]["/api/shared/{code}"]["get"]
    assert {"200", "404", "429"} <= set(operation["responses"])
    sessions = schema["components"]["schemas"]["SessionIn"]["properties"]
    assert "program" in sessions
