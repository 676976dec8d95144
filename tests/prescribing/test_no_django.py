"""backcare.prescribing and the program's JSON shape are plain Python: no Django."""

from __future__ import annotations

import subprocess
import sys


def test_prescribing_does_not_import_django() -> None:
    code = (
        "import sys, backcare.prescribing, backcare.export.program_shapes;"
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
