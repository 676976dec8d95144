"""GET /api/measures and POST /api/measures/<id>: the questionnaires, scored and kept for
this device or person; every bad answer is a 422 naming the item."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from backcare.practice.device import COOKIE as DEVICE_COOKIE
from backcare.progress.models import MeasureResponse

from .conftest import answer, device, loc_tails, person, signed_in, start_back, take

pytestmark = pytest.mark.django_db


def test_the_list_of_measures() -> None:
    response = Client().get("/api/measures")
    assert response.status_code == 200
    listed = response.json()
    assert [m["id"] for m in listed] == ["nprs", "psfs", "start-back"]
    for measure in listed:
        assert {"id", "title", "intro", "asked", "items", "source", "licence",
                "copyright"} <= set(measure)
        assert measure["licence"] and measure["source"]
    nprs, psfs, sbt = listed
    assert nprs["asked"] == "weekly" and sbt["asked"] == "program-start"
    (pain,) = nprs["items"]
    assert {"id", "text", "kind", "low", "high", "low_label", "high_label", "choices",
            "required", "subscale"} <= set(pain)
    assert (pain["id"], pain["kind"], pain["low"], pain["high"]) == ("pain", "scale", 0, 10)
    assert [i["required"] for i in psfs["items"]] == [True, False, False]
    assert "Keele" in sbt["copyright"]
    assert [i["id"] for i in sbt["items"] if i["subscale"]] == ["q5", "q6", "q7", "q8", "q9"]
    assert [c["value"] for c in sbt["items"][8]["choices"]] == [0, 1, 2, 3, 4]


def test_start_back_keeps_its_english_items_in_spanish() -> None:
    english = {m["id"]: m for m in Client().get("/api/measures").json()}
    spanish = {m["id"]: m for m in Client().get("/api/measures?lang=es").json()}
    assert spanish["nprs"]["items"][0]["text"] != english["nprs"]["items"][0]["text"]
    assert spanish["start-back"]["items"] == english["start-back"]["items"]
    assert spanish["start-back"]["wording_note"]


def test_the_weekly_pain_is_scored_and_kept() -> None:
    phone = device()
    response = answer(phone, "nprs", {"pain": 6})
    assert response.status_code == 201, response.content
    taken = response.json()
    assert (taken["measure"], taken["score"], taken["subscale"], taken["stratum"]) == (
        "nprs", 6.0, None, None)
    assert taken["taken_at"] and taken["id"]
    assert "no-store" in response["Cache-Control"]
    row = MeasureResponse.objects.get()
    assert row.answers == {"pain": 6} and row.device == phone.cookies[DEVICE_COOKIE].value


def test_activities_are_scored_as_their_average() -> None:
    taken = answer(device(), "psfs", {
        "activity-1": {"activity": "Putting on socks", "rating": 3},
        "activity-2": {"activity": "Carrying shopping", "rating": 4}}).json()
    assert taken["score"] == 3.5


@pytest.mark.parametrize(("answers", "stratum", "total", "subscale"), [
    (start_back(1, 2, 3), "low", 3, 0),
    (start_back(1, 2, 3, 4), "medium", 4, 0),
    (start_back(1, 5, 6, 7, q9=2), "medium", 4, 3),
    (start_back(5, 6, 7, q9=3), "high", 4, 4),
])
def test_start_back_gives_the_stratum_and_plain_words(answers: dict[str, int], stratum: str,
                                                       total: int, subscale: int) -> None:
    taken = answer(device(), "start-back", answers).json()
    assert (taken["score"], taken["subscale"], taken["stratum"]) == (total, subscale, stratum)
    assert taken["stratum_words"] and "risk" not in taken["stratum_words"].lower()


@pytest.mark.parametrize(("measure", "answers", "tail"), [
    ("nprs", {"pain": 11}, ["answers", "pain"]),
    ("nprs", {"pain": "bad"}, ["answers", "pain"]),
    ("nprs", {}, ["answers", "pain"]),
    ("start-back", {**start_back(), "q9": 7}, ["answers", "q9"]),
    ("start-back", {k: v for k, v in start_back().items() if k != "q4"}, ["answers", "q4"]),
    ("psfs", {"activity-1": {"activity": "", "rating": 3}}, ["answers", "activity-1"]),
    ("psfs", {"activity-1": {"activity": "Socks", "rating": -1}}, ["answers", "activity-1"]),
    ("nprs", {"pain": 3, "mood": 2}, ["answers"]),
])
def test_a_bad_or_missing_answer_is_a_422_naming_the_item(measure: str, answers: dict[str, Any],
                                                          tail: list[str]) -> None:
    response = answer(device(), measure, answers)
    assert response.status_code == 422, response.content
    assert tail in loc_tails(response)
    assert all(problem["msg"] for problem in response.json()["detail"])
    assert MeasureResponse.objects.count() == 0


def test_answers_that_are_not_an_object_or_missing_are_422() -> None:
    phone = device()
    for body in ({"answers": [1, 2]}, {}):
        response = phone.post("/api/measures/nprs", body, content_type="application/json")
        assert response.status_code == 422
        assert ["answers"] in loc_tails(response)


def test_an_unknown_measure_is_404() -> None:
    for path in ("/api/measures/oswestry", "/api/fhir/Questionnaire/oswestry"):
        response = (answer(device(), "oswestry", {"pain": 2}) if "measures" in path
                    else Client().get(path))
        assert response.status_code == 404
        assert "oswestry" in response.json()["detail"]


def test_the_weekly_pain_again_within_seven_days_says_when_it_is_due() -> None:
    phone = device()
    take(phone, "nprs", {"pain": 5}, days_back=3)
    again = answer(phone, "nprs", {"pain": 4})
    assert again.status_code == 422
    (problem,) = again.json()["detail"]
    assert problem["loc"] == ["path", "measure_id"]
    (due,) = MeasureResponse.objects.values_list("taken_at", flat=True)
    assert (timezone.localtime(due).date() + timedelta(days=7)).isoformat() in problem["msg"]
    MeasureResponse.objects.update(taken_at=timezone.now() - timedelta(days=7))
    assert answer(phone, "nprs", {"pain": 4}).status_code == 201
    # The other measures may be answered again at any time.
    for _ in range(2):
        assert answer(phone, "start-back", start_back()).status_code == 201


def test_a_browser_without_a_device_gets_one_and_keeps_its_answers() -> None:
    browser = Client()
    response = answer(browser, "nprs", {"pain": 2})
    assert response.status_code == 201
    assert DEVICE_COOKIE in response.cookies
    assert browser.get("/api/progress").json()["measures"]["nprs"][0]["score"] == 2


def test_a_signed_in_person_keeps_answers_across_devices() -> None:
    ana = person()
    assert answer(signed_in(ana, "phone"), "nprs", {"pain": 7}).status_code == 201
    laptop = signed_in(ana, "laptop")
    assert [p["score"] for p in laptop.get("/api/progress").json()["measures"]["nprs"]] == [7]
    assert MeasureResponse.objects.get().user == ana
    # The laptop's device, signed out, owns none of it.
    laptop.logout()
    assert laptop.get("/api/progress").json()["measures"]["nprs"] == []


def test_a_bearer_token_answers_for_its_person() -> None:
    from backcare.accounts.tokens import make_token

    ana = person()
    _, secret = make_token(ana)
    program = Client()  # no cookie, no CSRF token: a program
    response = answer(program, "nprs", {"pain": 3}, Authorization=f"Bearer {secret}")
    assert response.status_code == 201, response.content
    assert MeasureResponse.objects.get().user == ana
    seen = signed_in(ana).get("/api/progress").json()
    assert [p["score"] for p in seen["measures"]["nprs"]] == [3]


def test_a_browser_write_needs_the_csrf_token() -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.cookies[DEVICE_COOKIE] = "2f6c55c1-3d4f-4b9e-8a0e-5b8f3f1e7a11"
    response = answer(browser, "nprs", {"pain": 3})
    assert response.status_code == 403
    assert MeasureResponse.objects.count() == 0
