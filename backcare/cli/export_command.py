"""`backcare export-static DIR`: the public site as plain files, for any file server or CDN.

Writes every public page in each language, the demos, the API's content-only reads and the
static files into DIR, each byte for byte what the server sends (the site's own WSGI
application renders them, in this process, with the site's settings). What depends on a
person stays on the app servers (see backcare/static_export/README.md).

The content is checked first, as every command does: broken content is reported and
nothing is written (exit 1). DIR must be new, empty, or an earlier export (else exit 2).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from rich.markup import escape

from backcare.cli import commands
from backcare.cli.console import CliError, stdout
from backcare.content import Library
from backcare.content.plain_text import for_terminal
from backcare.vocabulary import LANGUAGES, ngettext
from backcare.vocabulary import gettext as _

SETTINGS = "backcare.site.settings"
EXIT_REFUSED = 2
#: The origin the pages are rendered for when --origin is not given (backcare serve's).
DEFAULT_ORIGIN = "http://localhost:8000"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export-static",
        help=_("write the public site as plain files for any file server or CDN"),
        description=_("Write every public page in each language, the exercise demos, the "
                      "API's library reads and the static files into DIR, each exactly as "
                      "the server sends it. Plans, the player, worksheets and your history "
                      "stay on the app. DIR must be new, empty, or an earlier export."))
    p.add_argument("directory", metavar="DIR", help=_("the folder to write the site into"))
    p.add_argument("--lang", dest="languages", action="append", type=language_code,
                   metavar="LANG",
                   help=_("a language to export, and to speak while doing it; repeat it for "
                          "more (default: all: {languages})").format(
                              languages=", ".join(LANGUAGES)))
    p.add_argument("--languages", dest="languages", action="append", type=language_list,
                   metavar="CODES", help=_("the languages to export, comma-separated"))
    p.add_argument("--origin", type=origin_url, default=DEFAULT_ORIGIN, metavar="URL",
                   help=_("the address the site will be served at, as its pages name it "
                          "(default {origin})").format(origin=DEFAULT_ORIGIN))
    p.set_defaults(run=run_export)


def language_code(raw: str) -> list[str]:
    """argparse type for --lang: one language backcare speaks, as a list of one."""
    codes = language_list(raw)
    if len(codes) != 1:
        raise argparse.ArgumentTypeError(
            _("{value} names more than one language; repeat --lang for each, or use "
              "--languages {value}").format(value=repr(raw)))
    return codes


def chosen_languages(given: list[list[str]] | None) -> list[str]:
    """The languages --lang and --languages named, in order, once each; all when none."""
    if not given:
        return list(LANGUAGES)
    return list(dict.fromkeys(code for codes in given for code in codes))


def language_list(raw: str) -> list[str]:
    """argparse type for --languages: "en,es" -> ["en", "es"], each one backcare speaks."""
    codes = [code.strip().lower() for code in raw.split(",") if code.strip()]
    unknown = [code for code in codes if code not in LANGUAGES]
    if not codes or unknown:
        raise argparse.ArgumentTypeError(
            _("{value} is not a language backcare speaks; use one or more of {languages}, "
              "comma-separated").format(value=repr(unknown[0] if unknown else raw),
                                        languages=",".join(LANGUAGES)))
    return list(dict.fromkeys(codes))


def origin_url(raw: str) -> str:
    """argparse type for --origin: a scheme and a host, nothing more."""
    from backcare.static_export.fetch import parse_origin  # needs no settings

    try:
        return parse_origin(raw).url
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value} is not a site address; give the scheme and host only, such as "
              "https://backcare.example or http://localhost:8000").format(
                value=repr(raw[:100]))) from None


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    try:
        import django
        from django.apps import apps

        if not apps.ready:  # already set up when called from within the site (tests)
            # Each URL is asked for once: the response cache would only spend time
            # compressing copies nobody asks for again (its answers are the same bytes:
            # bench/static_export.py checks the export against a server that has it on).
            os.environ["BACKCARE_RESPONSE_CACHE_BYTES"] = "0"
            django.setup()
    except Exception as exc:  # a refused setting: one line, as `backcare serve` says it
        message = " ".join(str(exc).split()) or type(exc).__name__
        raise CliError(_("Could not prepare the site ({kind}): {message}").format(
            kind=type(exc).__name__, message=message)) from None


def site_library() -> Library:
    """The library the site's pages are rendered from (loaded once, by the site), after the
    same check and report as every other command: broken content is exit 1."""
    from django.conf import settings

    from backcare.catalogue.library import library_or_problems

    library, problems = library_or_problems()
    if problems or library is None:
        commands.report_problems(Path(settings.BACKCARE_CONTENT_DIR), list(problems))
        raise CliError(_("The content has problems; fix them and run "
                         "`backcare check-content`."))
    return library


def run_export(args: argparse.Namespace) -> int:
    _setup_django()
    library = site_library()

    from backcare.static_export import ExportFailed, ExportRefused, export_site, parse_origin

    folder = Path(args.directory)
    try:
        report = export_site(folder, library, chosen_languages(args.languages),
                             parse_origin(args.origin))
    except ExportRefused as exc:
        raise CliError(for_terminal(str(exc)), EXIT_REFUSED) from None
    except ExportFailed as exc:
        raise CliError(for_terminal(str(exc))) from None
    except OSError as exc:
        raise CliError(_("Could not write the export to {folder}: {error}").format(
            folder=for_terminal(str(folder)), error=exc.strerror or exc)) from None
    counts = report.manifest.counts()
    numbers = {"files": len(report.manifest.entries),
               "pages": counts.get("page", 0) + counts.get("not-found", 0),
               "demos": counts.get("demo", 0), "api": counts.get("api", 0),
               "static": counts.get("static", 0)}
    words = {
        "files": ngettext("{count} file", "{count} files", numbers["files"]),
        "pages": ngettext("{count} page", "{count} pages", numbers["pages"]),
        "demos": ngettext("{count} demo", "{count} demos", numbers["demos"]),
        "api": ngettext("{count} API read", "{count} API reads", numbers["api"]),
        "static": ngettext("{count} static file", "{count} static files", numbers["static"]),
    }
    said = {name: text.format(count=numbers[name]) for name, text in words.items()}
    out = stdout()
    out.print(_("Exported {files} to {folder} in {seconds} s: {pages}, {demos}, {api} and "
                "{static}, in {languages}.").format(
        folder=escape(for_terminal(str(folder))), seconds=f"{report.seconds:.1f}",
        languages=", ".join(LANGUAGES[code] for code in report.manifest.languages), **said))
    out.print(_("Changed: {written}; unchanged: {unchanged}; removed from an earlier export: "
                "{removed}.").format(written=report.written, unchanged=report.unchanged,
                                     removed=report.removed))
    out.print(_("Serve the folder as the site's root. Plans, the player, worksheets and "
                "history stay on the app: see backcare/static_export/README.md."))
    return 0
