"""What each ``backcare`` sub-command does. Output goes through rich; errors exit non-zero."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from rich.console import Console

from backcare.content import ContentError, Library, load_library
from backcare.content.loader import collect_problems
from backcare.content.paths import default_content_dir

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _library() -> Library | None:
    try:
        return load_library(default_content_dir())
    except ContentError as exc:
        err.print(f"[red]The content has problems; run `backcare check-content`.[/]\n{exc}")
        return None


def check_content(args: argparse.Namespace) -> int:
    root = Path(args.directory) if args.directory else default_content_dir()
    library, problems = collect_problems(root)
    if problems:
        err.print(f"[bold red]{len(problems)} problem(s)[/] in {root}:")
        for problem in problems:
            err.print(f"  - {problem}", markup=False)
        return 1
    assert library is not None
    out.print(
        f"[green]Content OK[/] in {root}: {len(library.exercises)} exercises, "
        f"{len(library.routines)} routines, {len(library.conditions)} condition page(s)."
    )
    return 0


def list_routines(args: argparse.Namespace) -> int:
    raise NotImplementedError


def show(args: argparse.Namespace) -> int:
    raise NotImplementedError


def serve(args: argparse.Namespace) -> int:
    raise NotImplementedError
