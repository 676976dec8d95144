"""The pages a person reads, against the real content under content/."""

from __future__ import annotations

import re

import pytest

from backcare.catalogue.templatetags.backcare import about, dose, seconds
from backcare.content import Library
from backcare.plans import safe_default_plan
from tests.page_scripts import only_our_scripts

BACK_PAIN_ROUTINES = [
    "back-pain-relief-exercises-stretches",
    "back-pain-relief-stretches-5-minute-real-time-routine",
    "seated-back-pain-relief-stretches",
    "dont-crack-your-back",
    "lower-back-pain-back-flexion-stretches",
    "10-best-lower-back-exercises",
    "upper-back-pain-exercises-stretches",
]
EVERY_KIND_OF_PAGE = [
    "/", "/back-pain/", "/routines/seated-back-pain-relief-stretches/",
    "/exercises/childs-pose/", "/exercises/", "/exercises/?no_floor=1", "/disclaimer/",
]


@pytest.mark.parametrize("url", EVERY_KIND_OF_PAGE)
def test_every_page_has_the_frame_a_reader_relies_on(page, library: Library, url: str) -> None:
    p = page(url)
    assert p.status == 200
    assert len(p.h1) == 1
    assert p.link_to("#main") == "Skip to main content"
    assert library.site.disclaimer_short in p.text
    assert p.link_to("/disclaimer/")
    for label, href in [("Conditions", "/"), ("Exercise finder", "/exercises/"),
                        ("Disclaimer", "/disclaimer/")]:
        assert (label, href) in p.links
    assert "backcare" in p.text
    for landmark in ("header", "nav", "main", "footer"):
        assert any(tag == landmark for tag, _ in p.tags), landmark


@pytest.mark.parametrize("url", EVERY_KIND_OF_PAGE)
def test_pages_ask_nothing_of_other_sites_and_carry_no_inline_code(page, url: str) -> None:
    p = page(url)
    assert ('link', {"rel": "icon", "href": "data:,"}) in p.tags
    for tag, attrs in p.tags:
        for name in ("src", "href", "action"):
            value = attrs.get(name) or ""
            if tag == "link" and attrs.get("rel") == "alternate" and name == "href":
                assert value.startswith("http://testserver/"), value  # hreflang: this site
                continue
            assert not re.match(r"^(https?:)?//", value), f"<{tag} {name}={value}>"
        assert "style" not in attrs, f"inline style on <{tag}>"
        assert not any(a.startswith("on") for a in attrs), f"inline handler on <{tag}>"
    assert only_our_scripts(p.html) and "<style" not in p.html


def test_form_controls_have_labels(page) -> None:
    p = page("/exercises/")
    ids = {attrs["id"] for tag, attrs in p.tags if tag in ("input", "select") and attrs.get("id")}
    fors = {attrs["for"] for tag, attrs in p.tags if tag == "label"}
    controls = [a for t, a in p.tags if t in ("input", "select")]
    assert controls and all(a.get("id") in fors for a in controls)
    assert ids <= fors


def test_home_lists_the_conditions(page, library: Library) -> None:
    p = page("/")
    for condition in library.conditions.values():
        assert p.link_to(f"/{condition.slug}/") == condition.name
        assert condition.summary in p.text


def test_back_pain_page_names_all_seven_routines_in_order(page, library: Library) -> None:
    p = page("/back-pain/")
    assert p.h1 == [library.conditions["back-pain"].name]
    for paragraph in library.conditions["back-pain"].introduction:
        assert paragraph in p.text
    assert p.h3 == [library.routines[s].title for s in BACK_PAIN_ROUTINES]
    for slug in BACK_PAIN_ROUTINES:
        routine = library.routines[slug]
        assert p.link_to(f"/routines/{slug}/") == routine.title
        assert routine.summary in p.text
        # the time of what "Follow along" plays with nothing known (the safe default)
        assert about(safe_default_plan(library, slug).total_seconds) in p.text


def test_back_pain_page_marks_only_the_authored_routines(page, library: Library) -> None:
    p = page("/back-pain/")
    authored = [s for s in BACK_PAIN_ROUTINES if library.routines[s].source == "authored"]
    assert authored, "the real content has routines put together by backcare"
    assert p.text.count("Put together by backcare") == len(authored)


def test_back_pain_page_links_related_routines_by_title(page, library: Library) -> None:
    p = page("/back-pain/")
    for slug in BACK_PAIN_ROUTINES:
        for other in library.routines[slug].related:
            assert (library.routines[other].title, f"/routines/{other}/") in p.links


def test_back_pain_page_stays_light(client, page) -> None:
    p = page("/back-pain/")
    loads = [a for t, a in p.tags if t in ("img", "iframe")]
    scripts = [a["src"] for t, a in p.tags if t == "script"]
    sheets = [a["href"] for t, a in p.tags if t == "link" and a.get("rel") == "stylesheet"]
    # HTML, one stylesheet and the script that keeps pages for offline use: three requests
    assert not loads and len(sheets) == 1 and scripts == ["/static/practice/offline.js"]
    extra = b"".join(b"".join(client.get(url).streaming_content) for url in sheets + scripts)
    assert len(p.html.encode()) + len(extra) <= 50_000


def test_routine_page_shows_everything_to_follow_it(page, library: Library) -> None:
    slug = "seated-back-pain-relief-stretches"
    routine = library.routines[slug]
    p = page(f"/routines/{slug}/")
    assert p.h1 == [routine.title]
    for text in (routine.summary, routine.suits, about(library.estimated_seconds(slug)),
                 seconds(library.estimated_seconds(slug))):
        assert text in p.text
    for phase in routine.phases:
        assert phase.name in p.text
    exercise_links = [h for h in p.hrefs() if h.startswith("/exercises/") and h != "/exercises/"]
    assert exercise_links == [f"/exercises/{i.exercise}/" for i in routine.items]
    for item in library.dosed(routine):
        assert dose(item.dose, item.exercise) in p.text
        assert item.exercise.position_label in p.text
        assert item.exercise.summary in p.text
    assert p.link_to("/back-pain/").startswith("←")
    for other in routine.related:
        assert p.link_to(f"/routines/{other}/") == library.routines[other].title


def test_routine_page_shows_a_routines_own_dose_not_the_default(page, library: Library) -> None:
    slug = "back-pain-relief-stretches-5-minute-real-time-routine"
    p = page(f"/routines/{slug}/")
    routine = library.routines[slug]
    changed = [d for d, i in zip(library.dosed(routine), routine.items, strict=True)
               if d.dose != d.exercise.dose]
    assert changed, "the five-minute routine shortens some doses"
    for item in changed:
        assert dose(item.dose, item.exercise) in p.text


def test_exercise_page_shows_how_to_do_it_safely(page, library: Library) -> None:
    ex = library.exercises["childs-pose"]
    p = page("/exercises/childs-pose/")
    assert p.h1 == [ex.name]
    assert "Also called" in p.text and all(name in p.text for name in ex.other_names)
    for text in (ex.summary, ex.position_label, dose(ex.dose, ex), "Take care",
                 *ex.steps, *ex.cues, *ex.precautions):
        assert text in p.text
    assert "Stretch" in p.text and "Lower back" in p.text and "On the floor" in p.text
    steps_list = p.html.split("How to do it", 1)[1]
    assert "<ol" in steps_list.split("</ol>", 1)[0]
    if ex.seated_alternative in library.exercises:
        alternative = library.exercises[ex.seated_alternative]
        assert p.link_to(f"/exercises/{alternative.slug}/") == alternative.name
    for routine in library.routines_using("childs-pose"):
        assert p.link_to(f"/routines/{routine.slug}/") == routine.title


def test_seated_exercise_links_back_to_the_floor_exercises_it_replaces(page, library: Library) -> None:
    p = page("/exercises/seated-cat-cow/")
    replaced = [e for e in library.exercises.values() if e.seated_alternative == "seated-cat-cow"]
    assert replaced and "seated alternative to" in p.text
    for ex in replaced:
        assert p.link_to(f"/exercises/{ex.slug}/") == ex.name


def test_exercise_with_no_equipment_says_so(page, library: Library) -> None:
    bare = next(e for e in library.exercises.values() if not e.equipment)
    assert "None needed" in page(f"/exercises/{bare.slug}/").text


def test_exercise_for_a_known_condition_says_who_it_is_for(page, library: Library) -> None:
    limited = [e for e in library.exercises.values() if e.rules.only_with_conditions]
    assert limited, "prone props are for a known disc problem only"
    for ex in limited:
        text = page(f"/exercises/{ex.slug}/").text
        assert "Only for People who already know" in text and "a disc problem" in text


def test_an_exercise_page_names_its_movements_and_the_conditions_that_leave_it_out(page) -> None:
    text = page("/exercises/supine-trunk-rotation/").text
    assert "Twisting the spine" in text
    assert "backcare leaves this one out of plans for people who tell us they have" in text
    assert "osteoporosis or long-term steroid use" in text


def test_every_routine_and_exercise_page_opens(page, library: Library) -> None:
    for slug in library.routines:
        assert page(f"/routines/{slug}/").status == 200, slug
    for slug in library.exercises:
        assert page(f"/exercises/{slug}/").status == 200, slug


def test_disclaimer_page_has_the_full_text_and_affiliate_disclosure(page, library: Library) -> None:
    p = page("/disclaimer/")
    assert p.h1 == ["Disclaimer"]
    assert "Affiliate disclosure" in p.text
    for paragraph in (*library.site.disclaimer, *library.site.affiliate_disclosure):
        assert paragraph in p.text


def test_nothing_calls_itself_a_diagnosis_or_treatment(page) -> None:
    for url in EVERY_KIND_OF_PAGE:
        text = page(url).text.lower()
        for claim in ("we diagnose", "will cure", "cures your", "treats your", "your diagnosis is"):
            assert claim not in text, (url, claim)
