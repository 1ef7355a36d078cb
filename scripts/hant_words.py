"""Write src/tacref/i18n_hant.py: the interface's Chinese words in traditional
characters with Taiwan's and Hong Kong's vocabulary (OpenCC s2twp, s2hk), and
src/tacref/i18n_trad.py: the characters only traditional text writes.

Run after changing the Chinese words in i18n.py (a test says when it is due):

    .venv/bin/python scripts/hant_words.py
"""

import shutil
import subprocess
import sys
from pathlib import Path

from tacref.i18n import hant_module, trad_module

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "tacref"

if __name__ == "__main__":
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    for name, text in (("i18n_hant.py", hant_module()), ("i18n_trad.py", trad_module())):
        target = PACKAGE / name
        target.write_text(text, encoding="utf-8")
        if ruff:  # as CI checks it
            subprocess.run([ruff, "format", "--quiet", str(target)], check=True)
        print(f"wrote {target}")
