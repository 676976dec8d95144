"""The measures as content: content/measures/*.yaml and their Spanish texts load; STarT
Back's items keep their published English wording in every language; a broken file is
named with its field by check-content and the system check; the core never imports Django."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from backcare.content import ContentError
from backcare.outcomes.measures import measure_problems, measures

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
MINI = ROOT / "tests" / "fixtures" / "mini"
ES = Path("translations") / "es" / "measures"

#: The published items (Hill et al. 2008; Keele University), word for word.
START_BACK_ITEMS = [
    "My back pain has spread down my leg(s) at some time in the last 2 weeks",
    "I have had pain in the shoulder or neck at some time in the last 2 weeks",
    "I have only walked short distances because of my back pain",
    "In the last 2 weeks, I have dressed more slowly than usual because of back pain",
    "It\u2019s not really safe for a person with a condition like mine to be physically active",
    "Worrying thoughts have been going through my mind a lot of the time",
    "I feel that my back pain is terrible and it\u2019s never going to get any better",
    "In general I have not enjoyed all the things I used to enjoy",
    "Overall, how bothersome has your back pain been in the last 2 weeks?",
]


# ---------------------------------------------------------------- the real files

def test_the_real_measures_have_no_problems() -> None:
    assert measure_problems(CONTENT) == []


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_measure_loads_in_order_with_its_source_and_licence(language: str) -> None:
    found = measures(language)
    assert list(found) == ["nprs", "psfs", "start-back"]
    for measure in found.values():
        assert measure.title and measure.intro and measure.source and measure.licence
    assert found["nprs"].asked == found["psfs"].asked == "weekly"
    assert found["start-back"].asked == "program-start"
    assert (found["nprs"].better, found["psfs"].better) == ("lower", "higher")


def test_meaningful_change_thresholds_and_citations() -> None:
    nprs, psfs, start_back = measures("en").values()
    assert (nprs.mcid and nprs.mcid.points, nprs.mcid and nprs.mcid.percent) == (2, 30)
    assert psfs.mcid is not None and (psfs.mcid.points, psfs.mcid.percent) == (2, None)
    assert start_back.mcid is None
    assert "Childs JD" in nprs.source and "Spine 2005" in nprs.source
    assert "Farrar" in nprs.source
    assert "Stratford P" in psfs.source and "1995;47" in psfs.source
    assert "Hill JC" in start_back.source and "2008;59" in start_back.source


def test_the_items_people_answer() -> None:
    nprs, psfs, _ = measures("en").values()
    (pain,) = nprs.items
    assert (pain.id, pain.kind, pain.low, pain.high) == ("pain", "scale", 0, 10)
    assert "over the last week" in pain.text
    assert [(i.id, i.kind, i.required) for i in psfs.items] == [
        ("activity-1", "activity", True), ("activity-2", "activity", False),
        ("activity-3", "activity", False)]
    assert all((i.low, i.high) == (0, 10) for i in psfs.items)


def test_start_back_is_the_published_tool_with_its_copyright_and_licence() -> None:
    start_back = measures("en")["start-back"]
    assert [item.text for item in start_back.items] == START_BACK_ITEMS
    assert [item.id for item in start_back.items if item.subscale] == ["q5", "q6", "q7", "q8",
                                                                       "q9"]
    for item in start_back.items[:8]:
        assert [(c.value, c.label) for c in item.choices] == [(0, "Disagree"), (1, "Agree")]
    assert [(c.value, c.label) for c in start_back.items[8].choices] == [
        (0, "Not at all"), (1, "Slightly"), (2, "Moderately"), (3, "Very much"),
        (4, "Extremely")]
    assert start_back.copyright == "\u00a9 Keele University 01/08/07"
    assert "non-commercial" in start_back.licence and "Keele University" in start_back.licence
    assert start_back.languages == ("en",)


def test_start_back_items_are_byte_identical_in_spanish_and_say_why() -> None:
    english, spanish = measures("en")["start-back"], measures("es")["start-back"]
    assert spanish.items == english.items
    for en_item, es_item in zip(english.items, spanish.items, strict=True):
        assert es_item.text.encode() == en_item.text.encode()
        assert [c.label.encode() for c in es_item.choices] == [
            c.label.encode() for c in en_item.choices]
    assert spanish.title != english.title and spanish.intro != english.intro
    assert "inglés" in spanish.wording_note
    assert spanish.copyright == english.copyright
    translation = yaml.safe_load((CONTENT / ES / "start-back.yaml").read_text("utf-8"))
    assert "items" not in translation


def test_our_own_texts_are_in_spanish() -> None:
    english, spanish = measures("en"), measures("es")
    for measure_id in ("nprs", "psfs"):
        en, es = english[measure_id], spanish[measure_id]
        assert es.title != en.title and es.intro != en.intro and es.licence != en.licence
        for en_item, es_item in zip(en.items, es.items, strict=True):
            assert es_item.id == en_item.id and es_item.text != en_item.text
            assert es_item.low_label != en_item.low_label
    assert "semana" in spanish["nprs"].items[0].text


def test_measures_follow_the_language_in_force() -> None:
    from backcare.vocabulary import use

    with use("es"):
        assert measures()["nprs"].title == measures("es")["nprs"].title
    assert measures()["nprs"].title == measures("en")["nprs"].title


# ---------------------------------------------------------------- broken files

@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A content folder holding only the measures and their Spanish texts."""
    root = tmp_path / "content"
    shutil.copytree(CONTENT / "measures", root / "measures")
    shutil.copytree(CONTENT / ES, root / ES)
    return root


def _edit(path: Path, change: Callable[[Any], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_copy_of_the_real_measures_has_no_problems(content: Path) -> None:
    assert measure_problems(content) == []
    assert list(measures("es", content_dir=content)) == ["nprs", "psfs", "start-back"]


def _set(path: list[Any], value: Any) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = value
    return change


@pytest.mark.parametrize(("file", "change", "field", "words"), [
    ("measures/nprs.yaml", _set(["items", 0, "colour"], "red"), "items[0].colour",
     "not a known field"),
    ("measures/nprs.yaml", _set(["asked"], "daily"), "asked", "'daily'"),
    ("measures/nprs.yaml", _set(["items", 0, "low"], 10), "items[0]", "below high"),
    ("measures/nprs.yaml", _set(["items", 0, "id"], "ache"), "items", "id pain"),
    ("measures/psfs.yaml", _set(["mcid", "points"], -2), "mcid.points", "greater than 0"),
    ("measures/start-back.yaml", _set(["items", 8, "choices", 4, "value"], 5), "items[8]",
     "0, 1, 2, 3, 4"),
    ("measures/start-back.yaml", _set(["items", 3, "subscale"], True), "items[3].subscale",
     "q5 to q9"),
    ("measures/start-back.yaml", _set(["wording_note"], ""), "(top level)", "wording_note"),
    ("measures/start-back.yaml", _set(["languages"], ["en", "fr"]), "(top level)",
     "languages"),
    ("measures/psfs.yaml", _set(["id"], "psfs-2"), "id", "name the file psfs-2.yaml"),
    (str(ES / "psfs.yaml"), _set(["items", "activity-2"], {"text": "Otra"}),
     "items.activity-2.low_label", "is missing"),
    (str(ES / "nprs.yaml"), _set(["title"], ""), "title", "non-empty text"),
    (str(ES / "start-back.yaml"), _set(["items"], {"q1": {"text": "Mi espalda"}}), "items",
     "not a translatable field"),
])
def test_a_broken_file_is_named_with_its_field(content: Path, file: str,
                                               change: Callable[[Any], None], field: str,
                                               words: str) -> None:
    _edit(content / file, change)
    found = [(f, fld, message) for f, fld, message in measure_problems(content) if f == file]
    assert any(fld == field and words in message for _, fld, message in found), found
    with pytest.raises(ContentError):
        measures("en", content_dir=content)


def test_missing_and_stray_files_are_named(content: Path) -> None:
    (content / "measures" / "psfs.yaml").unlink()
    (content / ES / "start-back.yaml").unlink()
    (content / ES / "oswestry.yaml").write_text("title: Oswestry\n", encoding="utf-8")
    found = {(file, message.split(":")[0]) for file, _, message in measure_problems(content)}
    assert ("measures/psfs.yaml", "file is missing") in found
    assert (str(ES / "start-back.yaml"), "file is missing") in found
    assert (str(ES / "oswestry.yaml"), "translates nothing") in found


def test_an_unknown_measure_and_hostile_yaml_are_refused(content: Path) -> None:
    (content / "measures" / "odi.yaml").write_text(
        (content / "measures" / "nprs.yaml").read_text("utf-8").replace("id: nprs", "id: odi"),
        encoding="utf-8")
    (content / "measures" / "nprs.yaml").write_text("a: &x 1\nb: *x\n", encoding="utf-8")
    found = measure_problems(content)
    assert any(f == "measures/odi.yaml" and fld == "id" and "knows how to score" in m
               for f, fld, m in found), found
    assert any(f == "measures/nprs.yaml" and "anchor" in m for f, _, m in found), found


def test_content_without_a_measures_folder_has_none() -> None:
    assert measure_problems(MINI) == []
    assert dict(measures("en", content_dir=MINI)) == {}


def test_check_content_reports_a_broken_measure(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from backcare.cli.main import main

    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    _edit(root / "measures" / "nprs.yaml", _set(["better"], "sideways"))
    assert main(["check-content", str(root)]) == 1
    err = capsys.readouterr().err
    assert "measures/nprs.yaml: better" in err and "Traceback" not in err


def test_the_system_check_reports_a_broken_measure(content: Path, settings) -> None:  # type: ignore[no-untyped-def]
    from backcare.catalogue.checks import content_is_valid

    _edit(content / "measures" / "psfs.yaml", _set(["asked"], "hourly"))
    settings.BACKCARE_CONTENT_DIR = content
    messages = [m.msg for m in content_is_valid()]
    assert any(m.startswith("measures/psfs.yaml: asked") for m in messages), messages


# ---------------------------------------------------------------- plain Python

def test_measures_and_scoring_never_import_django() -> None:
    code = (
        "import sys, backcare.outcomes.measures as m, backcare.outcomes.scoring as s;"
        "s.score(m.measures('es')['nprs'], {'pain': 3});"
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
