"""`backcare users add EMAIL [--clinician --clinic NAME] [--clinic-admin]`: make an account.

The password comes from ``BACKCARE_PASSWORD``, else it is asked for twice at the terminal
(never echoed); it must pass the site's password rules (``AUTH_PASSWORD_VALIDATORS``), and
each rule it fails is said. The address is taken as confirmed (an operator vouches for it),
so the person can sign in at once. ``--clinician`` makes them a clinician of the clinic
``--clinic`` names, made if there is none by that name yet; ``--clinic-admin`` lets them
invite other clinicians. Every problem is one line and a non-zero exit.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from backcare.cli.console import CliError, stdout
from backcare.cli.language import add_language_option
from backcare.vocabulary import gettext as _

SETTINGS = "backcare.site.settings"
CREDENTIAL_VARIABLE = "BACKCARE_PASSWORD"
EXIT_USAGE = 2


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("users", help=_("manage accounts (people and clinicians)"),
                       description=_("Manage the site's accounts."))
    actions = p.add_subparsers(dest="users_action", metavar=_("ACTION"), required=True)
    add = actions.add_parser(
        "add", help=_("make an account whose e-mail address is already confirmed"),
        description=_("Make an account. The password is read from BACKCARE_PASSWORD, or asked "
                      "for twice at the terminal."))
    add.add_argument("email", metavar="EMAIL", help=_("the person's e-mail address"))
    add.add_argument("--clinician", action="store_true",
                     help=_("make them a clinician of the clinic --clinic names"))
    add.add_argument("--clinic", metavar=_("NAME"), default=None,
                     help=_("the clinic's name (made if there is none by that name)"))
    add.add_argument("--clinic-admin", action="store_true",
                     help=_("let them invite clinicians to the clinic (needs --clinician)"))
    add_language_option(add, top=False)
    add.allow_abbrev = False
    add.set_defaults(run=run_add)


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    try:
        import django
        from django.apps import apps

        if not apps.ready:  # already set up when called from within the site (tests)
            django.setup()
        _migrated()
    except CliError:
        raise
    except Exception as exc:  # a refused setting or an unreachable database: one line
        message = " ".join(str(exc).split()) or type(exc).__name__
        raise CliError(_("Could not prepare the site ({kind}): {message}").format(
            kind=type(exc).__name__, message=message)) from None


def _migrated() -> None:
    """A local SQLite file is ours to set up; any other database is migrated by whoever
    runs it."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        if connection.vendor != "sqlite":
            raise CliError(_("The database needs its migrations first (python manage.py "
                             "migrate)."))
        call_command("migrate", interactive=False, verbosity=0)


def _check_arguments(args: argparse.Namespace) -> str | None:
    """The clinic's name, or None for a person; a usage problem is a CliError."""
    if args.clinic_admin and not args.clinician:
        raise CliError(_("--clinic-admin needs --clinician (a clinic's admin is one of its "
                         "clinicians)."), EXIT_USAGE)
    if args.clinic is not None and not args.clinician:
        raise CliError(_("--clinic needs --clinician."), EXIT_USAGE)
    if not args.clinician:
        return None
    name = " ".join((args.clinic or "").split())
    if not name:
        raise CliError(_("--clinician needs --clinic NAME: the clinic they work in."),
                       EXIT_USAGE)
    if len(name) > 120:
        raise CliError(_("The clinic's name is {length} characters long; at most 120 "
                         "please.").format(length=len(name)), EXIT_USAGE)
    return name


def _checked_email(raw: str) -> str:
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.base_user import BaseUserManager
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    email = BaseUserManager.normalize_email(raw.strip()).lower()  # as allauth keeps them
    try:
        validate_email(email)
    except ValidationError:
        raise CliError(_("{email} is not an e-mail address.").format(
            email=repr(raw[:100]))) from None
    if (EmailAddress.objects.filter(email__iexact=email).exists()
            or get_user_model().objects.filter(email__iexact=email).exists()):
        raise CliError(_("There is already an account with the address {email}.").format(
            email=email))
    return email


def _password() -> str:
    given = os.environ.get(CREDENTIAL_VARIABLE)
    if given:
        return given
    if not sys.stdin.isatty():
        raise CliError(_("No password: set BACKCARE_PASSWORD, or run this at a terminal to be "
                         "asked for one."))
    first = getpass.getpass(_("Password: "))
    second = getpass.getpass(_("The same password again: "))
    if first != second:
        raise CliError(_("The two passwords are not the same; nothing was made."))
    if not first:
        raise CliError(_("The password is empty; nothing was made."))
    return first


def _checked_password(password: str, user: Any) -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise CliError(_("The password is refused: {reasons}").format(
            reasons=" ".join(exc.messages))) from None


def run_add(args: argparse.Namespace) -> int:
    clinic_name = _check_arguments(args)
    _setup_django()
    from allauth.account.adapter import get_adapter
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from backcare.accounts.models import Clinic, Clinician

    email = _checked_email(args.email)
    user = get_user_model()(email=email)
    get_adapter().populate_username(None, user)
    password = _password()
    _checked_password(password, user)
    with transaction.atomic():
        user.set_password(password)
        user.save()
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        clinic = None
        if clinic_name is not None:
            clinic, _made = Clinic.objects.get_or_create(name=clinic_name)
            Clinician.objects.create(user=user, clinic=clinic, is_admin=args.clinic_admin)
    out = stdout()
    if clinic is None:
        out.print(_("Made the account {email}; it can sign in now.").format(email=email),
                  markup=False)
    elif args.clinic_admin:
        out.print(_("Made the account {email}, a clinician and admin at {clinic}; it can sign "
                    "in now.").format(email=email, clinic=clinic.name), markup=False)
    else:
        out.print(_("Made the account {email}, a clinician at {clinic}; it can sign in "
                    "now.").format(email=email, clinic=clinic.name), markup=False)
    return 0

