"""What each ``backcare`` sub-command does. Output goes through rich; errors exit non-zero.

Every command reads the library in the language in force (``--lang``), so the content's
own texts are in that language too.
"""

from __future__ import annotations

import argparse
import difflib
from pathlib import Path

from rich.markup import escape

from backcare.cli import render
from backcare.cli import serve as serving
from backcare.cli.console import CliError, print_json, stderr, stdout
from backcare.content import ContentProblem, Library
from backcare.content.figure_verdicts import FigureVerdicts, default_var_dir
from backcare.content.loader import collect_problems
from backcare.content.paths import default_content_dir
from backcare.content.plain_text import for_terminal
from backcare.outcomes.content_checks import outcome_problems
from backcare.vocabulary import current, ngettext
from backcare.vocabulary import gettext as _


def report_problems(root: Path, problems: list[ContentProblem]) -> None:
    """Each problem on its own line; ContentProblem has already escaped what it quotes."""
    err = stderr()
    count = ngettext("{count} problem", "{count} problems", len(problems)).format(
        count=len(problems))
    err.print(_("{problems} in {folder}:").format(problems=f"[bold red]{count}[/]",
                                                  folder=_shown(root)))
    for problem in problems:
        err.print(f"  - {problem}", markup=False)


def _shown(root: Path) -> str:
    """A folder name for markup output: its markup and control characters made inert."""
    return escape(for_terminal(str(root)))


_loaded: list[Library] = []  # the library this command loaded last (at most one)


def _library() -> Library:
    """The library, its texts in the language in force."""
    root = default_content_dir()
    library, problems = collect_problems(root, verdicts=FigureVerdicts(default_var_dir()))
    if problems or library is None:
        report_problems(root, problems)
        raise CliError(_("The content has problems; fix them and run "
                         "`backcare check-content`."))
    library = library.in_language(current())
    _loaded[:] = [library]
    return library


def loaded_library() -> Library:
    """The library this command already loaded (loading it now if it has not), so a
    helper such as the safety screen need not read the content folder twice."""
    return _loaded[0] if _loaded else _library()


def check_content(args: argparse.Namespace) -> int:
    root = Path(args.directory) if args.directory else default_content_dir()
    # Every figure is checked here, whatever was recorded; a pass spares later loads.
    verdicts = FigureVerdicts(default_var_dir(), recheck=True)
    library, problems = collect_problems(root, verdicts=verdicts)
    problems += [ContentProblem(*found) for found in outcome_problems(root)]
    if problems or library is None:
        report_problems(root, problems)
        return 1
    counts = {
        "exercises": ngettext("{count} exercise", "{count} exercises",
                              len(library.exercises)).format(count=len(library.exercises)),
        "routines": ngettext("{count} routine", "{count} routines",
                             len(library.routines)).format(count=len(library.routines)),
        "pages": ngettext("{count} condition page", "{count} condition pages",
                          len(library.conditions)).format(count=len(library.conditions)),
    }
    ok = _("Content OK")
    stdout().print(_("{ok} in {folder}: {exercises}, {routines}, {pages}.").format(
        ok=f"[green]{escape(ok)}[/]", folder=_shown(root), **counts))
    return 0


def list_routines(args: argparse.Namespace) -> int:
    library = _library()
    if args.json:
        print_json([
            {"slug": r.slug, "title": r.title,
             "estimated_seconds": render.script_seconds(library, r.slug)}
            for r in library.routines.values()
        ])
        return 0
    out = stdout()
    out.print(render.routines_table(library))
    slug = _("SLUG")
    out.print(_("Show one with {command}.").format(command=f"[bold]backcare show {slug}[/]"))
    out.print(library.site.disclaimer_short, style="italic", markup=False)
    return 0


def _suggestions(library: Library, slug: str) -> list[str]:
    known = [*library.routines, *library.exercises]
    close = difflib.get_close_matches(slug, known, n=3, cutoff=0.6)
    if not close and len(slug) >= 3:
        close = [k for k in known if slug in k][:3]
    return close


def with_suggestions(message: str, close: list[str]) -> str:
    """``message``, then "Did you mean: a, b?" when there are close names."""
    if not close:
        return message
    return _("{message} Did you mean: {names}?").format(message=message, names=", ".join(close))


def no_such_routine(library: Library, given: str) -> CliError:
    """The one-line error for a routine slug we do not have (exit 2), with close names."""
    slug = given.strip().lower()
    close = [s for s in _suggestions(library, slug) if s in library.routines]
    return CliError(with_suggestions(
        _("No routine called {slug}. Try `backcare routines`.").format(slug=repr(given)),
        close), 2)


def show(args: argparse.Namespace) -> int:
    library = _library()
    slug = args.slug.strip().lower()
    routine = library.routines.get(slug)
    exercise = library.exercises.get(slug)
    if routine is None and exercise is None:
        message = _("No routine or exercise called {slug}. Try `backcare routines`.").format(
            slug=repr(args.slug))
        raise CliError(with_suggestions(message, _suggestions(library, slug)), code=2)
    if args.json:  # the API's shapes, imported only for JSON
        from backcare.export import exercise_out, routine_detail

        if routine is not None:
            print_json(routine_detail(library, routine).model_dump(mode="json"))
        elif exercise is not None:
            print_json(exercise_out(library, exercise).model_dump(mode="json"))
    elif routine is not None:
        render.print_routine(stdout(), library, routine)
    elif exercise is not None:
        render.print_exercise(stdout(), library, exercise)
    return 0


def serve(args: argparse.Namespace) -> int:
    port = serving.resolve_port(args.port)
    serving.ensure_port_free(args.host, port)
    serving.start_django()
    root, problems = serving.content_problems()  # the one read of the content
    if problems:
        report_problems(root, list(problems))
        raise CliError(_("Not serving: fix the content first (`backcare check-content`)."))
    serving.migrate()
    stdout().print(_("Serving backcare at {address}").format(
        address=f"http://{serving.bind_address(args.host, port)}/"), markup=False)
    serving.run_granian(serving.granian_options(args.host, port, args.workers, args.threads,
                                                args.access_log))
    return 0  # granian has stopped (a failed worker leaves by SystemExit instead)
