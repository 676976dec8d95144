"""Which URLs of the site are exported, found from the library and the URL names.

Every named URL pattern of ``backcare.site.urls`` is either exported (:data:`PAGES`,
:data:`FILES`, :data:`API_READS`: each names the library collection whose slugs fill it,
or None when it takes none) or stays on the app servers (:data:`DYNAMIC`, with the reason).
A test fails when a new URL name is in neither, so a new public page is never silently
missing from the export and a personal one never silently in it.

Pages are exported in each language at its own URLs (``/es/...``); API reads without a
query (English, as the API answers when nothing asks otherwise) and with ``?lang=<code>``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from django.apps import apps
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import translation

from backcare.content import Library
from backcare.vocabulary import DEFAULT_LANGUAGE, LANGUAGES

#: Collections of the library that URL slugs come from.
Collection = str  # "conditions", "routines", "exercises"

#: Public HTML pages: URL name -> the collection whose slugs fill it (None: no slug).
PAGES: Mapping[str, Collection | None] = {
    "home": None,
    "condition": "conditions",
    "routine": "routines",
    "exercise_finder": None,
    "exercise": "exercises",
    "demo_gallery": None,
    "disclaimer": None,
    "offline": None,  # what the service worker shows for a page never opened offline
}

#: Public files other than pages: the exercises' animated demos (SVG), the web app manifest.
FILES: Mapping[str, Collection | None] = {
    "exercise_demo": "exercises",
    "web_manifest": None,  # /manifest.webmanifest: the installable app's name and icons
}

#: Reads of the JSON API that are a function of the content and the URL alone.
API_READS: Mapping[str, Collection | None] = {
    "api:list_routines": None,
    "api:get_routine": "routines",
    "api:list_exercises": None,
    "api:get_exercise": "exercises",
    "api:get_condition": "conditions",
    "api:list_health_conditions": None,
    "api:get_screen": None,  # and ?routine=<slug> for each routine (screen_urls)
}

#: What stays on the app servers, and why. Links to these from exported pages still work
#: when the file server (or CDN) passes the URLs it has no file for to the app.
DYNAMIC: Mapping[str, str] = {
    "choose_language": "remembers the language chosen, in a cookie",
    "service_worker": "served with no-cache by the app, so each deploy's worker is found at "
                      "once (its version names the content and the files it keeps)",
    "planning:screen": "the safety questions: answers and a per-device pass",
    "planning:fit": "a plan fitted to one person's answers",
    "planning:plan": "a plan fitted to one person's answers",
    "planning:include_again": "changes this device's 'it hurt last time' marks",
    "practice:play_routine": "the player: needs the safety screen's pass, leaves out what "
                             "hurt on this device",
    "practice:history": "this device's sessions",
    "practice:delete_everything": "this device's sessions",
    "practice:delete_session": "this device's sessions",
    "worksheets:routine_pdf": "needs the safety screen's pass, as the player does, and leaves "
                              "out what hurt on this device",
    "api:get_timeline": "reads this device's 'it hurt last time' marks",
    "api:create_plan": "a write",
    "api:save_session": "a write",
    "api:list_sessions": "this device's sessions",
    "api:delete_session": "a write",
    "api:delete_device": "a write",
    "api:list_painful": "this device's marks",
    "api:include_painful": "a write",
    "calendar_feed": "a person's private reminders feed",
    "api:index": "the API's index",
    "api:api-root": "the API's index",
    "api:unknown_path": "the API's 404",
    "api:openapi-json": "the API's description, served with the docs page",
    "api:openapi-view": "the API's docs page",
    # Accounts: everything here is one person's.
    "accounts:home": "a person's account",
    "accounts:export": "a person's data",
    "accounts:delete": "a write",
    "accounts:create_token": "a write",
    "accounts:revoke_token": "a write",
    "accounts:invite": "a clinic admin's page",
    "accounts:join": "a one-time invitation",
    "api:create_token": "a write",
    "api:revoke_token": "a write",
    "api:export_me": "a person's data",
    "api:delete_me": "a write",
    # Clinician programs: the clinician's side and the patient's.
    "clinic:dashboard": "a clinician's page",
    "clinic:new_program": "a clinician's page",
    "clinic:edit_program": "a clinician's page",
    "clinic:program": "a clinician's page",
    "clinic:adherence_csv": "a clinician's page",
    "clinic:qr_svg": "a clinician's page",
    "api:create_program": "a write",
    "api:list_programs": "a clinician's programs",
    "api:get_program": "a clinician's program",
    "api:put_program": "a write",
    "api:get_adherence": "a clinician's program",
    "api:get_adherence_csv": "a clinician's program",
    "shared:enter": "looks up a share code (rate limited)",
    "shared:program": "needs the safety screen's pass; opens the program on this device",
    "shared:play": "the player: needs the safety screen's pass",
    "shared:worksheet": "needs the safety screen's pass",
    "shared:qr": "a program's own link",
    "shared:sharing": "a write",
    "api:shared_program": "looks up a share code (rate limited)",
    "clinic:lock": "a write",
    "clinic:patient_fhir": "a clinician's patient's data",
    "api:lock_program": "a write",
    "api:get_patient_fhir": "a clinician's patient's data",
    # Outcomes: measures, progress, the weekly review, reminders, FHIR (progress:… pages are
    # all one person's, see DYNAMIC_PREFIXES).
    "api:list_measures": "the questionnaires are taken and scored on the app servers",
    "api:take_measure": "a write",
    "api:get_progress": "one person's progress",
    "api:get_review": "one person's weekly review",
    "api:post_review": "a write",
    "api:get_reminders": "one person's reminders",
    "api:set_reminders": "a write",
    "api:delete_reminders": "a write",
    "api:fhir_bundle": "one person's data",
    "api:fhir_questionnaire": "published with the app, in the language asked for",
}

#: URL names from the libraries behind sign-in and the operators' admin, all dynamic:
#: allauth's sign-in pages (``account_…``, ``mfa_…``) and Django's admin (``admin:…``); and
#: every page of one person's progress (``progress:…``: measures, review, goal, reminders).
DYNAMIC_PREFIXES = ("account_", "mfa_", "admin:", "progress:")


def is_dynamic(name: str) -> bool:
    """True for a URL name that stays on the app servers (:data:`DYNAMIC` or a prefix)."""
    return name in DYNAMIC or name.startswith(DYNAMIC_PREFIXES)

#: Query strings on an exported page's links that lead to more of the same page
#: (``?page=2`` of a paginated list). Any other query (the finder's filters) stays dynamic.
FOLLOWED_QUERIES = frozenset({"page"})


@dataclass(frozen=True)
class Planned:
    url: str
    kind: str  # page, demo, api, static, not-found
    expected_status: int = 200


def url_names() -> Iterator[str]:
    """Every named URL pattern of the site, with its namespace ("api:get_routine")."""

    def walk(patterns: list[URLPattern | URLResolver], namespace: str) -> Iterator[str]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, inner)
            elif pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    yield from walk(get_resolver().url_patterns, "")


def _slugs(library: Library, collection: Collection | None) -> list[str | None]:
    if collection is None:
        return [None]
    found: Mapping[str, object] = getattr(library, collection)
    return [*sorted(found)]


def _reverse(name: str, slug: str | None) -> str:
    return reverse(name, kwargs={"slug": slug}) if slug is not None else reverse(name)


def page_urls(library: Library, language: str) -> Iterator[Planned]:
    """Every public page and demo in ``language`` (at that language's URLs), then the page a
    file server answers a missing URL with (``/404.html``, ``/es/404.html``)."""
    with translation.override(language):
        for name, collection in PAGES.items():
            for slug in _slugs(library, collection):
                yield Planned(_reverse(name, slug), "page")
        for name, collection in FILES.items():
            for slug in _slugs(library, collection):
                yield Planned(_reverse(name, slug), "demo")
        yield Planned(reverse("home") + "404.html", "not-found", 404)


def api_urls(library: Library, language: str) -> Iterator[Planned]:
    """Every content-only API read in ``language``: ``?lang=<code>``, and without a query
    too for the default language."""
    queries = [f"lang={language}"]
    if language == DEFAULT_LANGUAGE:
        queries.insert(0, "")
    bare: list[str] = []
    for name, collection in API_READS.items():
        bare.extend(_reverse(name, slug) for slug in _slugs(library, collection))
    screen = reverse("api:get_screen")
    for query in queries:
        for url in bare:
            yield Planned(f"{url}?{query}" if query else url, "api")
        for slug in sorted(library.routines):
            yield Planned(f"{screen}?routine={slug}" + (f"&{query}" if query else ""), "api")


def static_urls() -> Iterator[Planned]:
    """Every static file the site serves (WhiteNoise answers from the apps' static
    folders, as ``collectstatic`` would gather them)."""
    ignored = list(getattr(apps.get_app_config("staticfiles"), "ignore_patterns", []))
    seen: set[str] = set()
    for finder in finders.get_finders():
        for path, _storage in finder.list(ignored):
            url = static(path.replace("\\", "/"))
            if url not in seen:  # the first finder's file wins, as for collectstatic
                seen.add(url)
                yield Planned(url, "static")


def followed(link: str, page: str) -> bool:
    """True when ``link`` is more of ``page`` itself: its path, with ``?page=<number>``."""
    path, _sep, query = link.partition("?")
    if path != page.partition("?")[0] or not query:
        return False
    pairs = [pair.partition("=") for pair in query.split("&")]
    return all(key in FOLLOWED_QUERIES and value.isdigit() for key, _eq, value in pairs)


def dynamic_part(url: str) -> str | None:
    """The URL name (a key of :data:`DYNAMIC`) of ``url``, a path of this site in any
    language, when it stays on the app servers; None otherwise (or when nothing answers it)."""
    path = url.partition("?")[0].partition("#")[0]
    first = path.lstrip("/").split("/", 1)[0]
    language = first if first in LANGUAGES and first != DEFAULT_LANGUAGE else DEFAULT_LANGUAGE
    with translation.override(language):  # /es/... resolves only with Spanish active
        try:
            match = resolve(path)
        except Resolver404:
            return None
    return match.view_name if is_dynamic(match.view_name) else None
