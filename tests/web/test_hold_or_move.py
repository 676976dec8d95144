"""One rule for "hold" versus "move" (issue 10): the pages, the PDF worksheets, the CLI, the
terminal player and the timeline JSON the web player follows all say the same, for every
exercise of every routine.

The rule is ``Exercise.hold_or_move`` (``wording.action_of``): the content's own ``action``,
else the kind's. A dose reads as a hold exactly when it starts with "Hold".
"""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from backcare.cli.main import main
from backcare.content import Library
from backcare.content.schema import Dose
from backcare.content.wording import action_of, dose_text
from backcare.export.timeline_shapes import timeline_out
from backcare.playscript import build_script
from backcare.worksheets import routine_worksheet
from backcare.worksheets import wording as sheet_wording

from ..worksheets.conftest import page_texts

ROUTINES = (
    "10-best-lower-back-exercises", "back-pain-relief-exercises-stretches",
    "back-pain-relief-stretches-5-minute-real-time-routine", "dont-crack-your-back",
    "lower-back-pain-back-flexion-stretches", "seated-back-pain-relief-stretches",
    "upper-back-pain-exercises-stretches",
)


def said(text: str) -> str:
    """What a dose's wording says one repetition is."""
    return "hold" if text.startswith("Hold") else "move"


def test_every_routine_is_covered(library: Library) -> None:
    assert set(ROUTINES) == set(library.routines)
    used = {d.exercise.slug for slug in ROUTINES for d in library.dosed(library.routines[slug])}
    assert used == set(library.exercises)


def test_the_rule(library: Library) -> None:
    ex = library.exercises
    # The content says so: prone props and abdominal bracing are held still.
    assert action_of(ex["prone-props"]) == "hold" and ex["prone-props"].kind == "mobility"
    assert action_of(ex["abdominal-bracing"]) == "hold"
    # Otherwise the kind decides: stretches and isometric work are held, the rest moved.
    assert action_of(ex["childs-pose"]) == "hold"
    assert action_of(ex["isometric-hip-exercises"]) == "hold"
    assert action_of(ex["cat-cow"]) == "move" and action_of(ex["bridge"]) == "move"
    # The dose never decides: one slow 30-second bout of cat/cow is still a movement...
    assert dose_text(Dose(hold_seconds=30, reps=1), ex["cat-cow"]) == "Move slowly for 30 s"
    assert dose_text(Dose(hold_seconds=5, reps=10), ex["cat-cow"]) == "10 times, about 5 s each"
    # ...and prone props held 30 s is a hold.
    assert dose_text(Dose(hold_seconds=30, reps=3), ex["prone-props"]) == "Hold 30 s, 3 times"
    for exercise in ex.values():
        assert said(dose_text(exercise.dose, exercise)) == action_of(exercise), exercise.slug


def _cli_doses(capsys: pytest.CaptureFixture[str], slug: str) -> dict[str, str]:
    assert main(["show", slug]) == 0
    out = capsys.readouterr().out
    return dict(re.findall(r"^\s*\d+\. .*?\(([a-z0-9-]+)\) — [^;]*; (.+?)\s*$", out, re.M))


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ROUTINES)
def test_every_edge_says_the_same(slug: str, library: Library, page, client: Client,
                                  capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "300")  # the CLI's lines never wrap
    routine = library.routines[slug]
    dosed = library.dosed(routine)
    timeline = library.timeline(slug)

    routine_page = page(f"/routines/{slug}/")
    assert routine_page.status == 200
    page_doses = [html.unescape(d) for d in
                  re.findall(r'<span class="dose">(.*?)</span>', routine_page.html)]
    pdf = " ".join(page_texts(routine_worksheet(library, slug, cache=None).pdf))
    cli = _cli_doses(capsys, slug)
    json_steps = timeline_out(slug, routine.title, timeline).model_dump(mode="json")["steps"]
    api = client.get(f"/api/timeline?routine={slug}")
    assert api.status_code == 200
    done = {(p.exercise, p.kind) for p in build_script(timeline).phases
            if p.kind in ("hold", "move")}

    for item in dosed:
        exercise = item.exercise
        action = action_of(exercise)
        words = dose_text(item.dose, exercise)
        # the page (when it lists the exercise: the safe default may leave one out)
        if f"/exercises/{exercise.slug}/" in routine_page.hrefs():
            assert words in page_doses, (exercise.slug, page_doses)
        exercise_page = page(f"/exercises/{exercise.slug}/")
        usual = re.search(r"<dt>Usual dose</dt>\s*<dd>(.*?)</dd>", exercise_page.html)
        assert usual is not None
        assert said(html.unescape(usual.group(1))) == action, exercise.slug
        # the PDF worksheet
        sheet_words = sheet_wording.dose_text(item.dose, exercise)
        assert sheet_words in pdf, exercise.slug
        assert said(sheet_words) == action
        # the CLI
        assert said(cli[exercise.slug]) == action, (exercise.slug, cli[exercise.slug])
        assert cli[exercise.slug].startswith(words)
        # the play script both players follow: each repetition is a hold or a move phase
        assert {kind for ex, kind in done if ex == exercise.slug} == {action}
        # the timeline JSON, which the web player reads instead of deciding for itself
        assert {s["action"] for s in json_steps if s["exercise"] == exercise.slug} == {action}
        assert said(words) == action, (exercise.slug, words)
    for step in api.json()["steps"]:
        assert step["action"] == action_of(library.exercises[step["exercise"]]), step
