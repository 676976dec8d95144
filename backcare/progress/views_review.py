"""``POST /progress/review/``: the person's answer to this week's suggestion.

"Accept" makes the change (from the next session on); "Not now" leaves things as they
are, and the same suggestion is not made again for four weeks (a step up: no step up at
all for four weeks) (:mod:`backcare.progress.reviewing` remembers both). The form sends
the suggestion's key with the answer: when this week's suggestion has changed since the
page was drawn (a session saved meanwhile, a page left open past Monday), nothing is kept
and the page says so, so no one accepts a change they have not seen. The form then comes
back to /progress/; anything but a yes or a no answers 400 with the page and the problem
beside the card. Weeks are the person's (:func:`backcare.progress.zones.in_person_zone`).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from backcare.practice.owner import owner_of
from backcare.practice.unmarked import withdraw
from backcare.progress import reviewing
from backcare.progress.accepted import ADJUSTING
from backcare.progress.progress_page import render_progress
from backcare.progress.zones import in_person_zone
from backcare.site.personal import personal
from backcare.vocabulary import gettext

ANSWERS = {"yes": True, "no": False}


@never_cache
@personal
@require_POST
@in_person_zone
def review_decide(request: HttpRequest) -> HttpResponse:
    accept = ANSWERS.get(request.POST.get("accept", ""))
    if accept is None:
        return render_progress(
            request, status=400,
            errors={"review": gettext("Choose Accept or Not now for this week's suggestion.")})
    owner = owner_of(request)
    back = HttpResponseRedirect(reverse("progress:progress") + "#review-heading")
    key = request.POST.get("key") or None
    try:
        decision = reviewing.decide(owner, accept, timezone.localdate(), key=key) \
            if owner.known else None
    except reviewing.SuggestionChanged:
        messages.warning(request, gettext("This week's suggestion changed since you opened "
                                          "the page, so nothing has changed yet. Have a "
                                          "look at it again below."))
        return back
    except LookupError:
        decision = None
    if decision is None:
        messages.info(request, gettext("There is nothing left to decide this week."))
    elif decision.accepted and decision.change == "talk-to-clinician":
        messages.success(request, gettext("Thank you. Until you have talked to them, your "
                                          "exercises stay as they are."))
    elif decision.accepted:
        messages.success(request, gettext("Done: the change is in your exercises from your "
                                          "next session."))
        if decision.change in ADJUSTING:
            withdraw(back)  # no more of the player page everyone gets (practice/unmarked.py)
    else:
        messages.success(request, gettext("All right: nothing changes, and we will not suggest "
                                          "this again for four weeks."))
    return back
