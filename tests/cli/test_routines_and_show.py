"""`backcare routines` and `backcare show`, run in-process."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from backcare.cli.main import main
from backcare.cli.render import format_duration
from backcare.content import Library
from backcare.plans import safe_default_plan
from backcare.playscript import build_script

from .conftest import FIVE_MINUTE


def script_total(library: Library, slug: str) -> int:
    """What `backcare play SLUG` plays, to the second: its play script's total."""
    return build_script(safe_default_plan(library, slug).timeline).total_seconds


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(("seconds", "text"),
                         [(290, "4 min 50 s"), (45, "45 s"), (60, "1 min"), (600, "10 min")])
def test_format_duration(seconds: int, text: str) -> None:
    assert format_duration(seconds) == text


def test_routines_table_shows_every_routine_with_its_duration(capsys, library) -> None:
    code, out, err = run(capsys, "routines")
    assert code == 0 and not err
    for slug, routine in library.routines.items():
        line = next(line for line in out.splitlines() if slug in line)
        assert routine.title in line
        assert format_duration(script_total(library, slug)) in line
        assert re.search(rf"\b{len(routine.items)}\s*$", line)
    assert library.site.disclaimer_short in " ".join(out.split())


def test_routines_json(capsys, library, client: Client) -> None:
    code, out, _ = run(capsys, "routines", "--json")
    assert code == 0
    data = json.loads(out)
    assert [r["slug"] for r in data] == list(library.routines)
    assert all(set(r) == {"slug", "title", "estimated_seconds"} for r in data)
    for routine in data:
        assert routine["estimated_seconds"] == script_total(library, routine["slug"])
    five = next(r for r in data if r["slug"] == FIVE_MINUTE)
    assert five["estimated_seconds"] == library.estimated_seconds(FIVE_MINUTE)
    api = {r["slug"]: r["estimated_seconds"] for r in client.get("/api/routines").json()}
    assert api == {r["slug"]: r["estimated_seconds"] for r in data}


def test_show_routine_reads_like_the_routine(capsys, library) -> None:
    code, out, _ = run(capsys, "show", FIVE_MINUTE)
    assert code == 0
    routine = library.routines[FIVE_MINUTE]
    assert routine.title in out and routine.summary in " ".join(out.split())
    assert "Suits:" in out
    assert f"Takes about {format_duration(script_total(library, FIVE_MINUTE))}, 6 exercises" in out
    for phase in routine.phases:
        assert phase.name in out
    numbered = re.findall(r"^\s*(\d+)\. .*\(([a-z0-9-]+)\)", out, re.M)
    assert [slug for _, slug in numbered] == [i.exercise for i in routine.items]
    assert numbered[0][1] == "pelvic-tilt"
    assert "Hold 30 s, once, each side" in out  # worded as on the web pages
    for slug in routine.related:
        assert slug in out
    assert library.site.disclaimer_short in " ".join(out.split())


def test_show_routine_says_what_the_safe_default_leaves_out(capsys, library) -> None:
    code, out, _ = run(capsys, "show", "dont-crack-your-back")
    assert code == 0
    text = " ".join(out.split())
    assert format_duration(script_total(library, "dont-crack-your-back")) in text
    assert "Left out until you tell us about your health:" in text
    [item] = safe_default_plan(library, "dont-crack-your-back").left_out
    assert f"Prone props: {item.why}" in text


def test_show_exercise_uses_the_labels_of_the_web(capsys, library) -> None:
    code, out, _ = run(capsys, "show", "pelvic-tilt")
    assert code == 0
    assert re.search(r"Where\s+On the floor, On a bed, On a couch", out)
    assert re.search(r"Kind\s+Gentle movement", out)
    assert re.search(r"Works on\s+Lower back, Tummy muscles", out)
    for raw in ("mobility", "on-back", "low-back", "mid-range", "lying-on-back"):
        assert not re.search(rf"(?<![\w(-]){raw}(?![\w-])", out), raw


def test_show_exercise_numbers_steps_and_flags_precautions(capsys, mini) -> None:
    code, out, _ = run(capsys, "show", "belly-prop")
    assert code == 0
    assert " 1. Lie on your stomach." in out and " 2. Prop up." in out
    assert "Take care" in out and "Only with a known disc problem." in out
    assert "Floor routine (floor-routine)" in out


def test_show_exercise_json_is_the_api_shape(capsys, client: Client) -> None:
    code, out, _ = run(capsys, "show", "pelvic-tilt", "--json")
    assert code == 0
    data = json.loads(out)
    assert data == client.get("/api/exercises/pelvic-tilt").json()
    assert {"slug", "name", "position", "needs_floor", "steps", "used_in"} <= set(data)


def test_show_routine_json_is_the_api_shape(capsys, client: Client) -> None:
    code, out, _ = run(capsys, "show", FIVE_MINUTE, "--json")
    assert code == 0
    assert json.loads(out) == client.get(f"/api/routines/{FIVE_MINUTE}").json()


def test_unknown_slug_exits_2_with_a_hint_and_suggestions(capsys) -> None:
    code, out, err = run(capsys, "show", "pelvic-tlit")
    assert code == 2 and not out
    assert "No routine or exercise called 'pelvic-tlit'. Try `backcare routines`." in err
    assert "pelvic-tilt" in err.split("Did you mean:")[1]
    assert "Traceback" not in err


def test_broken_content_is_exit_1_with_the_problems(capsys, monkeypatch, mini_copy) -> None:
    (mini_copy / "site.yaml").unlink()
    monkeypatch.setenv("BACKCARE_CONTENT_DIR", str(mini_copy))
    code, out, err = run(capsys, "routines")
    assert code == 1 and not out
    assert "site.yaml" in err and "Traceback" not in err
