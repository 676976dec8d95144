"""The clinician's pages: the dashboard, the builder (without script) and a program's page."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from backcare.programs.models import Program
from tests.programs.clinic.conftest import BODY, accept, session, signed_in
from tests.web.conftest import read

pytestmark = pytest.mark.django_db


def form(**fields: Any) -> dict[str, Any]:
    """A builder post: the program's fields and items-<i>-<field> for each item."""
    data: dict[str, Any] = {"title": "Desk breaks", "note": "", "days_per_week": "5",
                            "action": "save"}
    for i, item in enumerate(fields.pop("items", [{"exercise": "pelvic-tilt"}])):
        for name, value in item.items():
            data[f"items-{i}-{name}"] = value
    data.update(fields)
    return data


def test_the_builder_renders_with_its_parts(as_clinician: Client) -> None:
    response = as_clinician.get("/clinic/programs/new/")
    assert response.status_code == 200
    html = response.content.decode()
    for part in ('id="builder-form"', 'id="f-title"', 'id="f-days"', 'id="f-conditions"',
                 'id="builder-q"', 'id="builder-area"', 'id="builder-position"',
                 'id="builder-library-list"', 'id="builder-items"', 'id="builder-save"',
                 'id="builder-item-template"', 'id="builder-data"', "csrfmiddlewaretoken",
                 'value="add:cat-cow"', 'id="f-condition-osteoporosis"',
                 'id="f-condition-other"'):
        assert part in html, part
    assert "style=" not in html
    page = read(response)
    assert "Write a program" in page.h1
    assert "general exercise information" in page.text  # the site's disclaimer


def test_posting_the_form_makes_a_program(as_clinician: Client) -> None:
    response = as_clinician.post("/clinic/programs/new/", form(items=[
        {"exercise": "pelvic-tilt", "reps": "12", "note": "Slow"},
        {"exercise": "bridge", "hold_seconds": "", "reps": "", "sets": ""}]))
    program = Program.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/clinic/programs/{program.pk}/?saved=1"
    version = program.versions.get()
    assert version.title == "Desk breaks" and version.days_per_week == 5
    assert [i["exercise"] for i in version.items] == ["pelvic-tilt", "bridge"]
    assert version.items[0]["reps"] == 12 and version.items[0]["note"] == "Slow"
    page = read(as_clinician.get(response["Location"]))
    assert "Saved as version 1." in page.text


def test_errors_are_shown_next_to_their_fields(as_clinician: Client) -> None:
    response = as_clinician.post("/clinic/programs/new/", form(
        title="", days_per_week="nine", conditions=["osteoporosis"],
        items=[{"exercise": "cat-cow", "reps": "400"}, {"exercise": "bridge", "sets": "x"}]))
    assert response.status_code == 400
    assert not Program.objects.exists()
    html = response.content.decode()
    assert 'id="f-title-error"' in html and 'id="f-days-error"' in html
    reps_error = re.search(r'id="items-0-reps".*?<p class="field-error"[^>]*>([^<]+)', html, re.S)
    assert reps_error and "repetitions" in reps_error.group(1)
    assert 'data-error-for="override"' in html  # cat-cow is left out for osteoporosis
    assert "must be a whole number" in html  # sets "x"
    page = read(response)
    assert "Some things need another look before saving" in page.text
    assert "Left out for osteoporosis" in page.text
    # What was typed is shown back.
    assert 'value="400"' in html and 'value="nine"' in html


def test_override_in_the_form_keeps_an_excluded_exercise(as_clinician: Client) -> None:
    response = as_clinician.post("/clinic/programs/new/", form(
        conditions=["osteoporosis"], items=[{"exercise": "cat-cow", "override": "1"}]))
    assert response.status_code == 302
    assert Program.objects.get().versions.get().items[0]["override"] is True


def test_without_script_the_buttons_add_move_and_remove(as_clinician: Client) -> None:
    state = form(items=[{"exercise": "pelvic-tilt"}, {"exercise": "bridge"}])
    added = as_clinician.post("/clinic/programs/new/", {**state, "action": "add:cat-cow"})
    assert added.status_code == 200 and not Program.objects.exists()
    html = added.content.decode()
    assert re.findall(r'name="items-\d+-exercise" value="([^"]+)"', html) == [
        "pelvic-tilt", "bridge", "cat-cow"]
    moved = as_clinician.post("/clinic/programs/new/", {**state, "action": "up:1"})
    assert re.findall(r'name="items-\d+-exercise" value="([^"]+)"', moved.content.decode()) == [
        "bridge", "pelvic-tilt"]
    removed = as_clinician.post("/clinic/programs/new/", {**state, "action": "remove:0"})
    assert re.findall(r'name="items-\d+-exercise" value="([^"]+)"',
                      removed.content.decode()) == ["bridge"]
    found = as_clinician.post("/clinic/programs/new/", {**state, "action": "find", "q": "bridge"})
    shown = re.findall(r'<li class="library-exercise" data-slug="([^"]+)"[^>]*?(hidden)?>',
                       found.content.decode())
    assert [slug for slug, hidden in shown if not hidden] == ["bridge"]


def test_editing_keeps_the_code_and_shows_the_current_version(
        as_clinician: Client, make_program: Callable[..., dict[str, Any]]) -> None:
    made = make_program()
    edit = as_clinician.get(f"/clinic/programs/{made['id']}/edit/")
    assert edit.status_code == 200
    assert 'value="Morning back care"' in edit.content.decode()
    saved = as_clinician.post(f"/clinic/programs/{made['id']}/edit/",
                              form(title="Morning back care, week 2"))
    assert saved["Location"] == f"/clinic/programs/{made['id']}/?saved=2"
    program = Program.objects.get()
    assert program.code == made["code"] and program.versions.count() == 2


def test_the_program_page_hands_it_out_and_shows_patients(
        as_clinician: Client, make_program: Callable[..., dict[str, Any]]) -> None:
    made = make_program()
    now = timezone.now()
    patient = accept(made["id"], now - timedelta(days=9))
    session(patient, now - timedelta(days=8), 3, 6)
    session(patient, now - timedelta(days=2), 4, 4, stopped=True, exercise="cat-cow")
    response = as_clinician.get(f"/clinic/programs/{made['id']}/")
    assert response.status_code == 200
    html = response.content.decode()
    page = read(response)
    assert made["share_url"] in html
    assert f"{made['code'][:4]}-{made['code'][4:]}" in page.text
    assert "<svg" in html and 'class="qr-code"' in html
    assert "Patient 1" in page.text and "Cat/cow" in page.text
    assert "Flare: pain 2 or more points higher afterwards" in page.text
    assert f"/clinic/programs/{made['id']}/adherence.csv" in html
    assert 'id="weeks-1"' in html and 'id="pain-chart-1"' in html
    assert "Version 1" in page.text and "Ana Ruiz" in page.text
    qr = as_clinician.get(f"/clinic/programs/{made['id']}/qr.svg")
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml"


def test_the_dashboard_lists_the_clinics_programs(
        as_clinician: Client, make_program: Callable[..., dict[str, Any]], outsider: Any) -> None:
    made = make_program()
    signed_in(outsider).post("/api/programs", {**BODY, "title": "Not ours"},
                             content_type="application/json")
    now = timezone.now()
    patient = accept(made["id"], now - timedelta(days=1))
    session(patient, now - timedelta(minutes=30), 2, 5)
    response = as_clinician.get("/clinic/")
    assert response.status_code == 200
    html = response.content.decode()
    row = re.search(r'<tr class="program-row".*?</tr>', html, re.S)
    assert row is not None
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)
    text = [re.sub(r"<[^>]+>", "", c).strip() for c in cells]
    assert text[0] == "Morning back care" and text[1] == "1"
    assert text[3] == "1" and text[4] == "1 of 3 prescribed" and text[5] == "1"
    assert "Not ours" not in html
    assert 'href="/clinic/programs/new/"' in html


def test_who_may_see_the_pages(make_program: Callable[..., dict[str, Any]], person: Any,
                               outsider: Any) -> None:
    made = make_program()
    pages = ["/clinic/", "/clinic/programs/new/", f"/clinic/programs/{made['id']}/",
             f"/clinic/programs/{made['id']}/edit/",
             f"/clinic/programs/{made['id']}/adherence.csv",
             f"/clinic/programs/{made['id']}/qr.svg"]
    for url in pages:
        response = Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
        assert signed_in(person).get(url).status_code == 404, url
    for url in pages[2:]:
        assert signed_in(outsider).get(url).status_code == 404, url
    assert signed_in(outsider).post(f"/clinic/programs/{made['id']}/edit/",
                                    form()).status_code == 404
    assert Program.objects.get().versions.count() == 1


def test_the_builder_post_needs_the_csrf_token(clinician: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(clinician)
    assert client.post("/clinic/programs/new/", form()).status_code == 403
    assert not Program.objects.exists()


def test_the_spanish_builder_speaks_spanish(as_clinician: Client) -> None:
    response = as_clinician.get("/es/clinic/programs/new/")
    assert response.status_code == 200
    assert response["Content-Language"] == "es"


def test_nothing_a_clinician_sees_is_kept_for_anyone_else(
        as_clinician: Client, make_program: Callable[..., dict[str, Any]]) -> None:
    made = make_program()
    for url in ("/clinic/", f"/clinic/programs/{made['id']}/", "/api/programs",
                f"/api/programs/{made['id']}", f"/api/programs/{made['id']}/adherence"):
        seen = as_clinician.get(url)
        assert seen.status_code == 200, url
        assert "private" in seen["Cache-Control"] and "no-store" in seen["Cache-Control"], url
        assert Client().get(url).status_code in (302, 401), url


def test_the_builder_embeds_what_each_condition_leaves_out(as_clinician: Client) -> None:
    import json

    html = as_clinician.get("/clinic/programs/new/").content.decode()
    data = json.loads(re.search(r'<script id="builder-data" type="application/json">(.*?)</script>',
                                html, re.S).group(1))
    slugs, whys, width = data["slugs"], data["whys"], data["width"]

    def left_out(key: str) -> dict[str, str]:
        mask = sum(1 << data["conditions"].index(name) for name in key.split(",") if name)
        row = data["left_out"][mask]
        found = {}
        for i, slug in enumerate(slugs):
            number = 0
            for digit in row[i * width:(i + 1) * width]:
                number = number * len(data["digits"]) + data["digits"].index(digit)
            if number:
                found[slug] = whys[number - 1]
        return found

    assert "cat-cow" in left_out("osteoporosis") and "cat-cow" not in left_out("")
    assert "osteoporosis" in left_out("osteoporosis")["cat-cow"]
    assert set(left_out("disc,osteoporosis")) <= set(left_out("osteoporosis")) | {"prone-props"}
    assert data["exercises"]["bridge"]["bounds"]["reps"][0] >= 1


def test_the_admin_shows_programs_with_their_versions(
        make_program: Callable[..., dict[str, Any]]) -> None:
    from django.contrib.auth import get_user_model

    made = make_program()
    accept(made["id"], timezone.now())
    admin = get_user_model().objects.create_superuser("op@example.com", "op@example.com", "pw-1-long")
    client = signed_in(admin)
    page = client.get(f"/admin/programs/program/{made['id']}/change/")
    assert page.status_code == 200 and "Morning back care" in page.content.decode()
    assert client.get("/admin/programs/patientprogram/").status_code == 200
    assert client.get("/admin/programs/program/").status_code == 200
