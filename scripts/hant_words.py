"""Write src/tacref/i18n_hant.py: the interface's Chinese words in traditional
characters with Taiwan's and Hong Kong's vocabulary (OpenCC s2twp, s2hk).

Run after changing the Chinese words in i18n.py (a test says when it is due):

    .venv/bin/python scripts/hant_words.py
"""

from pathlib import Path

from tacref.i18n import hant_module

TARGET = Path(__file__).resolve().parent.parent / "src" / "tacref" / "i18n_hant.py"

if __name__ == "__main__":
    TARGET.write_text(hant_module(), encoding="utf-8")
    print(f"wrote {TARGET}")
