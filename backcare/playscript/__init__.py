"""The play script: every phase a player follows, with its seconds and its words.

Built from a timeline (:mod:`backcare.timeline`) in plain Python; the web player, the
terminal player, ``GET /api/timeline`` and ``backcare play --script --json`` all follow it,
and every page, plan and worksheet states its ``total_seconds``.
"""

from backcare.playscript.build import KINDS, Phase, Script, build_script

__all__ = ["KINDS", "Phase", "Script", "build_script"]
