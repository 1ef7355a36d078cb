"""Write src/tacref/i18n_hant.py: the interface's Chinese words in traditional
characters with Taiwan's and Hong Kong's vocabulary (OpenCC s2twp, s2hk).

Run after changing the Chinese words in i18n.py (a test says when it is due):

    .venv/bin/python scripts/hant_words.py
"""

import shutil
import subprocess
import sys
from pathlib import Path

from tacref.i18n import hant_module

TARGET = Path(__file__).resolve().parent.parent / "src" / "tacref" / "i18n_hant.py"

if __name__ == "__main__":
    TARGET.write_text(hant_module(), encoding="utf-8")
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff:  # as CI checks it
        subprocess.run([ruff, "format", "--quiet", str(TARGET)], check=True)
    print(f"wrote {TARGET}")
