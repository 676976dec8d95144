"""The pages follow whatever library they are given (here the small fixture library)."""

from __future__ import annotations


def test_pages_follow_the_configured_library(page, mini_site) -> None:
    home = page("/")
    assert home.link_to("/test-pain/") == "Test Pain"
    assert "Test notice - general education only" in home.text

    condition = page("/test-pain/")
    assert condition.text.count("Put together by backcare") == 1  # chair-routine only
    assert condition.link_to("/routines/floor-routine/") == "Floor routine"

    exercise = page("/exercises/lying-stretch/")
    assert "Also called Floor reach" in exercise.text
    assert exercise.link_to("/exercises/chair-stretch/") == "Chair stretch"

    assert "Only for People who already know" in page("/exercises/belly-prop/").text
    assert page("/back-pain/").status == 404
