"""What each ``backcare`` sub-command does. Output goes through rich; errors exit non-zero."""

from __future__ import annotations

import argparse
import difflib
from pathlib import Path

from rich.markup import escape

from backcare.cli import render
from backcare.cli import serve as serving
from backcare.cli.console import CliError, print_json, stderr, stdout
from backcare.content import ContentProblem, Library
from backcare.content.loader import collect_problems
from backcare.content.paths import default_content_dir
from backcare.content.plain_text import for_terminal
from backcare.export import exercise_out, routine_detail


def _report_problems(root: Path, problems: list[ContentProblem]) -> None:
    """Each problem on its own line; ContentProblem has already escaped what it quotes."""
    err = stderr()
    err.print(f"[bold red]{len(problems)} problem(s)[/] in {_shown(root)}:")
    for problem in problems:
        err.print(f"  - {problem}", markup=False)


def _shown(root: Path) -> str:
    """A folder name for markup output: its markup and control characters made inert."""
    return escape(for_terminal(str(root)))


_loaded: list[Library] = []  # the library this command loaded last (at most one)


def _library() -> Library:
    root = default_content_dir()
    library, problems = collect_problems(root)
    if problems or library is None:
        _report_problems(root, problems)
        raise CliError("The content has problems; fix them and run `backcare check-content`.")
    _loaded[:] = [library]
    return library


def loaded_library() -> Library:
    """The library this command already loaded (loading it now if it has not), so a
    helper such as the safety screen need not read the content folder twice."""
    return _loaded[0] if _loaded else _library()


def check_content(args: argparse.Namespace) -> int:
    root = Path(args.directory) if args.directory else default_content_dir()
    library, problems = collect_problems(root)
    if problems or library is None:
        _report_problems(root, problems)
        return 1
    stdout().print(
        f"[green]Content OK[/] in {_shown(root)}: {len(library.exercises)} exercises, "
        f"{len(library.routines)} routines, {len(library.conditions)} condition page(s)."
    )
    return 0


def list_routines(args: argparse.Namespace) -> int:
    library = _library()
    if args.json:
        print_json([
            {"slug": r.slug, "title": r.title,
             "estimated_seconds": library.estimated_seconds(r.slug)}
            for r in library.routines.values()
        ])
        return 0
    out = stdout()
    out.print(render.routines_table(library))
    out.print("Show one with [bold]backcare show SLUG[/].")
    out.print(library.site.disclaimer_short, style="italic", markup=False)
    return 0


def _suggestions(library: Library, slug: str) -> list[str]:
    known = [*library.routines, *library.exercises]
    close = difflib.get_close_matches(slug, known, n=3, cutoff=0.6)
    if not close and len(slug) >= 3:
        close = [k for k in known if slug in k][:3]
    return close


def show(args: argparse.Namespace) -> int:
    library = _library()
    slug = args.slug.strip().lower()
    routine = library.routines.get(slug)
    exercise = library.exercises.get(slug)
    if routine is None and exercise is None:
        message = f"No routine or exercise called {args.slug!r}. Try `backcare routines`."
        close = _suggestions(library, slug)
        if close:
            message += " Did you mean: " + ", ".join(close) + "?"
        raise CliError(message, code=2)
    if routine is not None:
        if args.json:
            print_json(routine_detail(library, routine).model_dump(mode="json"))
        else:
            render.print_routine(stdout(), library, routine)
    elif exercise is not None:
        if args.json:
            print_json(exercise_out(library, exercise).model_dump(mode="json"))
        else:
            render.print_exercise(stdout(), library, exercise)
    return 0


def serve(args: argparse.Namespace) -> int:
    port = serving.resolve_port(args.port)
    root = default_content_dir()
    _, problems = collect_problems(root)
    if problems:
        _report_problems(root, problems)
        raise CliError("Not serving: fix the content first (`backcare check-content`).")
    serving.migrate()
    stdout().print(f"Serving backcare at http://{serving.bind_address(args.host, port)}/",
                   markup=False)
    serving.exec_server(serving.gunicorn_argv(args.host, port, args.workers))
    return 0  # only reached when exec_server is replaced in tests
