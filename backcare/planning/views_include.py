"""POST /painful-exercises/<slug>/include/: the plan page's "Include it again" button.

An exercise that hurt in a session on this device is left out of its plans until the
person puts it back here (or through ``POST /api/painful-exercises/<slug>/include``).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from backcare.planning.gate import local_path
from backcare.practice.owner import owner_of
from backcare.practice.painful_marks import include_again as include_for_device
from backcare.site.personal import personal


@never_cache
@personal
@require_POST
def include_again(request: HttpRequest, slug: str) -> HttpResponse:
    include_for_device(owner_of(request), slug)  # nothing to undo is fine: same page again
    return HttpResponseRedirect(local_path(request.POST.get("next")) or reverse("home"))
