"""The ``backcare`` console script.

Every command speaks the language ``--lang`` names (before or after the sub-command), else
``BACKCARE_LANG``, else English (:mod:`backcare.cli.language`): its help, its messages,
its labels and the content's own texts.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from backcare.cli import (
    backup_command,
    commands,
    condition_options,
    plan_command,
    play_command,
    worksheet_command,
)
from backcare.cli.console import PROG, CliError, stderr
from backcare.cli.language import add_language_option, argparse_in_language, requested_language
from backcare.cli.serve import port_number, worker_count
from backcare.cli.session_log import include_again_command
from backcare.vocabulary import gettext as _
from backcare.vocabulary import use


def build_parser() -> argparse.ArgumentParser:
    """The parser, its help said in the language in force."""
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

    p = sub.add_parser("serve", help=_("migrate, check the content and serve the web app"))
    p.add_argument("--port", type=port_number, default=None,
                   help=_("port (default: $PORT or 8000)"))
    p.add_argument("--host", default="127.0.0.1",
                   help=_("address to listen on (default 127.0.0.1)"))
    p.add_argument("--workers", type=worker_count, default=2,
                   help=_("worker processes (default 2)"))
    p.set_defaults(run=commands.serve)

    condition_options.register(sub)
    plan_command.register(sub)
    play_command.register(sub)
    worksheet_command.register(sub)
    backup_command.register(sub)

    p = sub.add_parser("include-again",
                       help=_("put an exercise that hurt in `backcare play` back into your "
                              "plans"))
    p.add_argument("exercise", help=_("the exercise's slug, as `backcare play` named it"))
    p.set_defaults(run=include_again_command)

    for command in sub.choices.values():
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
        args = build_parser().parse_args(words)
        return _run(args)


if __name__ == "__main__":
    sys.exit(main())
