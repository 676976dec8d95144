"""Every word the web player's JavaScript shows or says, in the language in force.

The player page embeds :func:`player_words` as JSON (``json_script``); the JS files hold no
words of their own. ``{name}``-style placeholders are filled in the browser with the
numbers and names of the play script (:mod:`backcare.playscript`), whose phases bring
their own ``text`` and ``say``. The words shared with the play script and the terminal
player (sides, "Round 1 of 2", "Rep 1 of 5") are the same messages, so they read alike
on every edge.
"""

from __future__ import annotations

from backcare.vocabulary.catalogue import gettext, gettext_noop, ngettext

#: key -> English message; translated when :func:`player_words` is called.
WORDS: dict[str, str] = {
    # the card
    "side_left": gettext_noop("Left side"),
    "side_right": gettext_noop("Right side"),
    "rep": gettext_noop("Rep {rep} of {reps}"),
    "round": gettext_noop("Round {number} of {total}"),
    "next": gettext_noop("Next: {what}"),
    "next_finish": gettext_noop("Next: the finish — nearly there"),
    "demo_alt": gettext_noop("Moving figure showing {name}"),
    "demo_alt_held": gettext_noop("Figure holding the position of {name}"),
    "demo_alt_start": gettext_noop("Figure in the starting position of {name}"),
    "figure_left": gettext_noop("Shown on the left side."),
    "figure_right": gettext_noop("Shown on the right side."),
    "fullscreen": gettext_noop("Full screen"),
    "fullscreen_leave": gettext_noop("Leave full screen"),
    # the controls
    "pause": gettext_noop("Pause"),
    "resume": gettext_noop("Resume"),
    # what the voice and the screen reader hear besides the script's own words
    "halfway": gettext_noop("Halfway"),
    "announce": gettext_noop("{label}: {where}."),
    "paused": gettext_noop("Paused."),
    "carrying_on": gettext_noop("Carrying on: {where}."),
    "paused_on": gettext_noop("Paused on {where}."),
    "you_are_on": gettext_noop("You are on {where}."),
    "back_on": gettext_noop("You are on {where}. {label}: {seconds} s left."),
    # saving
    "saving": gettext_noop("Saving…"),
    "saved": gettext_noop("Saved."),
    "saved_later": gettext_noop("Kept on this device. Will be sent when you're back online."),
    "save_rejected": gettext_noop("This session could not be saved."),
    "save_full": gettext_noop(
        "This device already holds as many unsent sessions as it can, so this one was not "
        "kept. Go online to send them."),
    "save_rejected_why": gettext_noop("This session could not be saved: {why}"),
    "refused_earlier": gettext_noop(
        "A session from {date} could not be saved and will not be sent again: {why}"),
    "pending": gettext_noop(
        "Sessions kept on this device, to be sent when you're back online: {count}."),
    # "Stop — this hurts"
    "stopped_alert": gettext_noop(
        "Stopped. Rest now. If the pain does not settle, contact your healthcare provider."),
    "stopped_say": gettext_noop("Stop now, and rest."),
    "not_sure": gettext_noop("Not sure"),
    "hurt_thanks": gettext_noop(
        "Thank you. {name} will be left out of your next plans on this device. "
        "You can include it again from the plan page."),
}


def player_words(exercises: int = 1) -> dict[str, str]:
    """The player's words in the language in force. ``exercises`` is the number of
    exercises in the session, which the finish summary's wording depends on; its
    ``{count}`` is filled in here, its other placeholders in the browser."""
    words = {key: gettext(message) for key, message in WORDS.items()}
    count = str(exercises)
    words["finished_all"] = ngettext(
        "You followed the whole of {title}: {count} exercise.",
        "You followed the whole of {title}: {count} exercises.",
        exercises).replace("{count}", count)
    words["finished_some"] = ngettext(
        "You did {done} of {count} exercise of {title}.",
        "You did {done} of {count} exercises of {title}.",
        exercises).replace("{count}", count)
    return words
