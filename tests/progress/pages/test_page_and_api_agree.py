"""/progress/ and GET /api/progress (and GET /api/review) say the same: the same change
sentence and verdict, the same weeks on goal, the same sessions in each week, the same
suggestion — both render what records.progress_for and the core decided, once."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from .conftest import in_week, measure, session, weeks_ago

pytestmark = pytest.mark.django_db


def test_the_page_and_the_api_agree_on_change_weeks_and_the_review(client: Client,
                                                                     device: str) -> None:
    measure(device, "nprs", 6, weeks_ago(3))
    measure(device, "nprs", 3, weeks_ago(0, days=0))
    for weeks_back in (3, 2, 1):
        for day in (0, 2, 4):
            session(device, in_week(weeks_back, day), pain_before=4, pain_after=3)

    page = client.get("/progress/").content.decode()
    api = client.get("/api/progress").json()

    nprs = re.search(r'data-measure="nprs".*?data-meaningful="(\w+)"[^>]*>(.*?)</p>', page, re.S)
    assert nprs is not None
    assert nprs[1] == "better" == api["change"]["nprs"]["direction"]
    assert api["change"]["nprs"]["meaningful"] is True
    shown = html.unescape(re.sub(r"<[^>]+>", "", nprs[2])).replace("▼", "").strip()
    assert shown == api["change"]["nprs"]["sentence"]
    assert (api["change"]["nprs"]["from"], api["change"]["nprs"]["to"]) == (6, 3)

    weeks = re.search(r'class="weeks-on-goal" data-weeks="(\d+)"', page)
    assert weeks is not None and int(weeks[1]) == api["weeks_on_goal"] == 3
    table = re.search(r'class="weeks".*?<table.*?</table>', page, re.S)
    assert table is not None
    counts = [int(n) for n in re.findall(r"<td[^>]*>(\d+)</td>", table[0])]
    api_counts = [week["sessions"] for week in reversed(api["sessions_per_week"])]
    assert counts == api_counts  # the page lists the newest first

    review = client.get("/api/review").json()
    card = re.search(r'class="review-card".*?</section>', page, re.S)
    assert card is not None
    assert review is not None and review["change"] == "step-up"  # on goal, pain down, no flare
    why = re.search(r'<p class="why"><strong>[^<]*</strong>(.*?)</p>', card[0], re.S)
    assert why is not None and html.unescape(why[1]).strip() == review["why"]
    assert f'value="{review["key"]}"' in card[0]
