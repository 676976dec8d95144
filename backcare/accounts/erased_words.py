"""How the account pages say what deleting the account erases (or erased): one line per
kind of thing, with its count, in the page's language."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from backcare.vocabulary import ngettext

_LINES: dict[str, Callable[[int], str]] = {
    "account": lambda n: ngettext("your account", "{count} accounts", n),
    "sessions": lambda n: ngettext("{count} practice session, with its pain scores",
                                   "{count} practice sessions, with their pain scores", n),
    "painful_marks": lambda n: ngettext("{count} “it hurt” mark",
                                        "{count} “it hurt” marks", n),
    "programs": lambda n: ngettext("{count} program from a clinician, and its sharing",
                                   "{count} programs from clinicians, and their sharing", n),
    "api_tokens": lambda n: ngettext("{count} API token", "{count} API tokens", n),
    "email_addresses": lambda n: ngettext("{count} e-mail address", "{count} e-mail addresses",
                                          n),
    "sign_in_factors": lambda n: ngettext("{count} two-factor sign-in setting",
                                          "{count} two-factor sign-in settings", n),
    "signed_in_browsers": lambda n: ngettext("{count} signed-in browser (signed out)",
                                             "{count} signed-in browsers (signed out)", n),
    "sign_in_records": lambda n: ngettext("{count} record of a sign-in attempt",
                                          "{count} records of sign-in attempts", n),
    "invitations": lambda n: ngettext("{count} clinic invitation", "{count} clinic invitations",
                                      n),
    "clinician": lambda n: ngettext("your place as a clinician in your clinic",
                                    "{count} clinician places", n),
    "other_records": lambda n: ngettext("{count} other record", "{count} other records", n),
}


def erased_lines(counts: Mapping[str, int]) -> list[str]:
    """One line per kind erased, in the counts' order; programs kept are not among them."""
    return [_LINES[kind](number).format(count=number)
            for kind, number in counts.items() if number and kind in _LINES]


def kept_line(counts: Mapping[str, int]) -> str:
    """What stays: the programs a clinician made, with their clinic ("" when none)."""
    kept = counts.get("programs_made_kept", 0)
    if not kept:
        return ""
    return ngettext("The {count} program you made stays with your clinic, for the patients "
                    "who follow it; it no longer names your account.",
                    "The {count} programs you made stay with your clinic, for the patients "
                    "who follow them; they no longer name your account.", kept).format(
                        count=kept)
