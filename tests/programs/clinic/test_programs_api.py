"""POST/GET/PUT /api/programs: who may, what comes back, and every refusal naming its field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from tests.programs.clinic.conftest import BODY, signed_in

pytestmark = pytest.mark.django_db


def post(client: Client, body: dict[str, Any]) -> Any:
    return client.post("/api/programs", body, content_type="application/json")


def put(client: Client, program_id: int, body: dict[str, Any]) -> Any:
    return client.put(f"/api/programs/{program_id}", body, content_type="application/json")


def locs(response: Any) -> dict[str, str]:
    """Each 422 problem as "items.0.reps" -> message."""
    return {".".join(str(p) for p in problem["loc"][2:]): problem["msg"]
            for problem in response.json()["detail"]}


def test_a_clinician_makes_a_program_and_gets_its_link_and_code(as_clinician: Client,
                                                                library: Any) -> None:
    response = post(as_clinician, BODY)
    assert response.status_code == 201
    made = response.json()
    assert made["version"] == 1 and made["title"] == "Morning back care"
    assert made["share_url"].startswith("http://testserver/p/") and made["share_url"].endswith("/")
    assert len(made["code"]) == 8
    assert made["clinician"] == "Ana Ruiz"
    first, second, _ = made["items"]
    assert (first["exercise"], first["name"], first["reps"], first["note"]) == (
        "pelvic-tilt", "Pelvic tilt", 8, "Slowly")
    assert first["override"] is False and first["excluded_because"] is None
    own = library.exercises["cat-cow"].dose  # left out: the exercise's own dose
    assert (second["hold_seconds"], second["reps"], second["sets"]) == (
        own.hold_seconds, own.reps, own.sets)
    got = as_clinician.get(f"/api/programs/{made['id']}")
    assert got.status_code == 200 and got.json() == made


def test_put_makes_a_new_version_and_keeps_the_code_and_link(
        as_clinician: Client, make_program: Callable[..., dict[str, Any]]) -> None:
    made = make_program()
    response = put(as_clinician, made["id"], {**BODY, "title": "Evening back care",
                                              "days_per_week": 5})
    assert response.status_code == 200
    changed = response.json()
    assert changed["version"] == 2 and changed["title"] == "Evening back care"
    assert changed["days_per_week"] == 5
    assert (changed["code"], changed["share_url"]) == (made["code"], made["share_url"])
    assert put(as_clinician, made["id"], BODY).json()["version"] == 3


def test_the_list_holds_only_this_clinics_programs(
        make_program: Callable[..., dict[str, Any]], colleague: Any, outsider: Any) -> None:
    ours = make_program()
    theirs = post(signed_in(outsider), BODY).json()
    listed = signed_in(colleague).get("/api/programs")  # a colleague at the same clinic
    assert listed.status_code == 200 and listed["X-Total-Count"] == "1"
    assert [p["id"] for p in listed.json()] == [ours["id"]]
    assert listed.json()[0]["patients_sharing"] == 0
    assert [p["id"] for p in signed_in(outsider).get("/api/programs").json()] == [theirs["id"]]


def test_nobody_signed_in_is_401_everywhere(make_program: Callable[..., dict[str, Any]]) -> None:
    made = make_program()
    anonymous = Client()
    for response in (
        anonymous.get("/api/programs"), post(anonymous, BODY),
        anonymous.get(f"/api/programs/{made['id']}"), put(anonymous, made["id"], BODY),
        anonymous.get(f"/api/programs/{made['id']}/adherence"),
        anonymous.get(f"/api/programs/{made['id']}/adherence.csv"),
    ):
        assert response.status_code == 401, response.content
        assert "Sign in" in response.json()["detail"]


def test_a_person_or_another_clinic_gets_404_as_for_an_unknown_id(
        make_program: Callable[..., dict[str, Any]], person: Any, outsider: Any,
        as_clinician: Client) -> None:
    made = make_program()
    for client in (signed_in(person), signed_in(outsider)):
        for response in (
            client.get(f"/api/programs/{made['id']}"), put(client, made["id"], BODY),
            client.get(f"/api/programs/{made['id']}/adherence"),
            client.get(f"/api/programs/{made['id']}/adherence.csv"),
        ):
            assert response.status_code == 404, response.content
    assert signed_in(person).get("/api/programs").status_code == 404
    assert post(signed_in(person), BODY).status_code == 404
    assert as_clinician.get("/api/programs/999999").status_code == 404
    # The other clinic's failed edit changed nothing.
    assert as_clinician.get(f"/api/programs/{made['id']}").json()["version"] == 1


def test_a_dose_out_of_bounds_is_422_naming_the_field(as_clinician: Client) -> None:
    body = {**BODY, "items": [{"exercise": "cat-cow", "reps": 500},
                              {"exercise": "bridge", "sets": 0}]}
    response = post(as_clinician, body)
    assert response.status_code == 422
    found = locs(response)
    assert set(found) == {"items.0.reps", "items.1.sets"}
    assert "repetitions" in found["items.0.reps"]
    assert response.json()["detail"][0]["loc"][:2] == ["body", "payload"]


def test_unknown_exercise_and_other_fields_are_each_named(as_clinician: Client) -> None:
    body = {**BODY, "title": " ", "days_per_week": 9, "conditions": ["gout"],
            "items": [{"exercise": "handstand"}]}
    found = locs(post(as_clinician, body))
    assert {"title", "days_per_week", "conditions", "items.0.exercise"} <= set(found)
    assert "handstand" in found["items.0.exercise"]


def test_an_excluded_exercise_needs_override_and_then_reports_why(as_clinician: Client) -> None:
    body = {**BODY, "conditions": ["osteoporosis"], "items": [{"exercise": "cat-cow"}]}
    refused = post(as_clinician, body)
    assert refused.status_code == 422
    found = locs(refused)
    assert list(found) == ["items.0.override"]
    assert "osteoporosis" in found["items.0.override"] and "override" in found["items.0.override"]
    kept = post(as_clinician, {**body, "items": [{"exercise": "cat-cow", "override": True}]})
    assert kept.status_code == 201
    item = kept.json()["items"][0]
    assert item["override"] is True and "osteoporosis" in item["excluded_because"]
    fine = post(as_clinician, {**BODY, "items": [{"exercise": "bridge", "override": True}]})
    assert fine.json()["items"][0]["excluded_because"] is None


def test_wrong_types_are_422_too(as_clinician: Client) -> None:
    response = post(as_clinician, {**BODY, "days_per_week": "three", "items": "cat-cow"})
    assert response.status_code == 422
    assert {p["loc"][-1] for p in response.json()["detail"]} >= {"days_per_week", "items"}


def test_the_openapi_document_names_each_status(client: Client) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert set(paths["/api/programs"]) == {"get", "post"}
    assert {"201", "401", "404", "422"} <= set(paths["/api/programs"]["post"]["responses"])
    one = paths["/api/programs/{program_id}"]
    assert {"200", "401", "404"} <= set(one["get"]["responses"])
    assert {"200", "401", "404", "422"} <= set(one["put"]["responses"])
    csv = paths["/api/programs/{program_id}/adherence.csv"]["get"]["responses"]
    assert "text/csv" in csv["200"]["content"] and "401" in csv
    assert {"200", "401", "404"} <= set(paths["/api/programs/{program_id}/adherence"]["get"]["responses"])


def test_a_clinician_works_with_an_api_token(clinician: Any, outsider: Any) -> None:
    from backcare.accounts.tokens import make_token

    _, secret = make_token(clinician)
    program = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    made = post(program, BODY)
    assert made.status_code == 201
    assert program.get(f"/api/programs/{made.json()['id']}").status_code == 200
    assert put(program, made.json()["id"], BODY).json()["version"] == 2
    _, theirs = make_token(outsider)
    other = Client(HTTP_AUTHORIZATION=f"Bearer {theirs}")
    assert other.get(f"/api/programs/{made.json()['id']}").status_code == 404
    assert Client(HTTP_AUTHORIZATION="Bearer not-a-token").get("/api/programs").status_code == 401
