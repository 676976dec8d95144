"""The ``backcare`` console script.

Every command speaks the language ``--lang`` names (before or after the sub-command), else
``BACKCARE_LANG``, else English (:mod:`backcare.cli.language`): its help, its messages,
its labels and the content's own texts.

The sub-commands that live in modules of their own (:data:`COMMAND_MODULES`) are imported
only when they are the command asked for, or when every command is listed (``--help``, a
name backcare does not know): ``backcare show`` never imports the player or the planner's
web shapes, and no command imports ReportLab or Django until it needs them.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from backcare.cli import commands
from backcare.cli.console import PROG, CliError, stderr
from backcare.cli.language import add_language_option, argparse_in_language, requested_language
from backcare.cli.serve import (
    DEFAULT_THREADS,
    DEFAULT_WORKERS,
    port_number,
    thread_count,
    worker_count,
)
from backcare.cli.session_log import include_again_command
from backcare.vocabulary import gettext as _
from backcare.vocabulary import use

#: Each sub-command defined in a module of its own, with that module (whose ``register``
#: adds it), in the order ``backcare --help`` lists them.
COMMAND_MODULES = {
    "conditions": "backcare.cli.condition_options",
    "plan": "backcare.cli.plan_command",
    "play": "backcare.cli.play_command",
    "worksheet": "backcare.cli.worksheet_command",
    "backup": "backcare.cli.backup_command",
    "restore": "backcare.cli.backup_command",
    "export-static": "backcare.cli.export_command",
    "users": "backcare.cli.users_command",
}
#: The sub-commands defined here.
BUILT_IN = ("check-content", "routines", "show", "serve", "include-again")


def named_command(words: Sequence[str]) -> str | None:
    """The sub-command ``words`` name, read as argparse reads them (the first word that is
    not an option, after the top-level ``--lang LANG``); None when an option comes first
    (``-h``) or there is no such word."""
    after_lang = False
    for word in words:
        if after_lang:
            after_lang = False
        elif word == "--lang":
            after_lang = True
        elif not word.startswith("--lang="):
            return None if word.startswith("-") else word
    return None


def _modules_for(command: str | None) -> list[str]:
    """The command modules the parser needs: the named command's alone, none for a command
    defined here, every one when the command is not known (or not named)."""
    if command in COMMAND_MODULES:
        return [COMMAND_MODULES[command]]
    if command in BUILT_IN:
        return []
    return list(dict.fromkeys(COMMAND_MODULES.values()))


def build_parser(wanted: str | None = None) -> argparse.ArgumentParser:
    """The parser, its help said in the language in force: every sub-command, or (given
    the command ``wanted``, as :func:`named_command` reads it) what that command needs."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=_("Back-pain routines you can follow at home. General education, not "
                      "medical advice."),
    )
    add_language_option(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"), required=True)

    p = sub.add_parser("check-content",
                       help=_("validate a content folder and report every problem"))
    p.add_argument("directory", nargs="?", default=None,
                   help=_("content folder (default: the project's content/)"))
    p.set_defaults(run=commands.check_content)

    p = sub.add_parser("routines", help=_("list the routines with their durations"))
    p.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    p.set_defaults(run=commands.list_routines)

    p = sub.add_parser("show", help=_("show one routine or exercise"))
    p.add_argument("slug", help=_("a routine or exercise slug, e.g. pelvic-tilt"))
    p.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    p.set_defaults(run=commands.show)

    p = sub.add_parser(
        "serve", help=_("migrate, check the content and serve the web app"),
        description=_("Check the content, apply migrations, then serve the site with granian: "
                      "the library is loaded once, before the worker processes start, and each "
                      "worker answers with several threads, keeping connections open between "
                      "a browser's requests."))
    p.add_argument("--port", type=port_number, default=None,
                   help=_("port (default: $PORT or 8000)"))
    p.add_argument("--host", default="127.0.0.1",
                   help=_("address to listen on (default 127.0.0.1)"))
    p.add_argument("--workers", type=worker_count, default=DEFAULT_WORKERS,
                   help=_("worker processes, 1 to 64 (default {count})").format(
                       count=DEFAULT_WORKERS))
    p.add_argument("--threads", type=thread_count, default=DEFAULT_THREADS,
                   help=_("threads in each worker process, 1 to 64 (default {count})").format(
                       count=DEFAULT_THREADS))
    p.add_argument("--access-log", action="store_true",
                   help=_("write a line for every request to standard output (default: off)"))
    p.set_defaults(run=commands.serve)

    for module in _modules_for(wanted):
        importlib.import_module(module).register(sub)

    p = sub.add_parser("include-again",
                       help=_("put an exercise that hurt in `backcare play` back into your "
                              "plans"))
    p.add_argument("exercise", help=_("the exercise's slug, as `backcare play` named it"))
    p.set_defaults(run=include_again_command)

    for command in sub.choices.values():
        if "--lang" not in command._option_string_actions:  # export-static has its own
            add_language_option(command, top=False)
        # `--lan xx` must not pass for `--lang xx`: the language is read before parsing.
        command.allow_abbrev = False
    parser.allow_abbrev = False
    return parser


def _say_error(message: str) -> None:
    stderr().print(f"{PROG}: {message}", markup=False)


def _run(args: argparse.Namespace) -> int:
    try:
        return int(args.run(args))
    except CliError as exc:
        _say_error(exc.message)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # never a traceback unless asked for with BACKCARE_DEBUG=1
        if os.environ.get("BACKCARE_DEBUG"):
            raise
        _say_error(_("unexpected error ({kind}): {error} (set BACKCARE_DEBUG=1 to see the "
                     "traceback)").format(kind=type(exc).__name__, error=exc))
        return 1


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    try:
        language = requested_language(words)
    except CliError as exc:
        _say_error(exc.message)
        return exc.code
    with use(language), argparse_in_language():
        args = build_parser(named_command(words)).parse_args(words)
        return _run(args)


if __name__ == "__main__":
    sys.exit(main())
