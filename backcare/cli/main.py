"""The ``backcare`` console script."""

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
from backcare.cli.console import CliError, stderr
from backcare.cli.serve import port_number, worker_count
from backcare.cli.session_log import include_again_command


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backcare",
        description="Back-pain routines you can follow at home. General education, not medical advice.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("check-content", help="validate a content folder and report every problem")
    p.add_argument("directory", nargs="?", default=None,
                   help="content folder (default: the project's content/)")
    p.set_defaults(run=commands.check_content)

    p = sub.add_parser("routines", help="list the routines with their durations")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(run=commands.list_routines)

    p = sub.add_parser("show", help="show one routine or exercise")
    p.add_argument("slug", help="a routine or exercise slug, e.g. pelvic-tilt")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(run=commands.show)

    p = sub.add_parser("serve", help="migrate, check the content and serve the web app")
    p.add_argument("--port", type=port_number, default=None,
                   help="port (default: $PORT or 8000)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--workers", type=worker_count, default=2,
                   help="worker processes (default 2)")
    p.set_defaults(run=commands.serve)

    condition_options.register(sub)
    plan_command.register(sub)
    play_command.register(sub)
    worksheet_command.register(sub)
    backup_command.register(sub)

    p = sub.add_parser("include-again",
                       help="put an exercise that hurt in `backcare play` back into your plans")
    p.add_argument("exercise", help="the exercise's slug, as `backcare play` named it")
    p.set_defaults(run=include_again_command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except CliError as exc:
        stderr().print(f"backcare: {exc.message}", markup=False)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # never a traceback unless asked for with BACKCARE_DEBUG=1
        if os.environ.get("BACKCARE_DEBUG"):
            raise
        stderr().print(f"backcare: unexpected error ({type(exc).__name__}): {exc} "
                       "(set BACKCARE_DEBUG=1 to see the traceback)", markup=False)
        return 1


if __name__ == "__main__":
    sys.exit(main())
