"""What rich drew is kept: the same view again prints the same bytes without rich."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run

SHOW = ("--color", "always", "show", "melasma")


def _kept(cache: Path) -> list[Path]:
    return sorted((cache / "rendered").glob("*.txt"))


def test_a_view_seen_before_is_the_same_bytes(isolated: Path) -> None:
    first = run(*SHOW)
    assert first.code == 0 and "\x1b[" in first.out and len(_kept(isolated)) == 1
    assert run(*SHOW) == first


def test_kept_text_is_what_rich_draws_without_a_cache(isolated: Path) -> None:
    kept = run(*SHOW).out
    assert run(*SHOW).out == kept
    for path in _kept(isolated):
        path.unlink()
    (isolated / "rendered").rmdir()
    (isolated / "rendered").write_text("")  # nothing can be kept: drawn every time
    assert run(*SHOW).out == kept


@pytest.mark.parametrize(
    "other",
    [
        {"COLUMNS": "60"},
        {"NO_COLOR": "1"},
        {"COLORTERM": "truecolor"},
        {"TERM": "xterm-256color"},
    ],
)
def test_width_colour_and_terminal_each_draw_their_own(isolated: Path, other: dict) -> None:
    plain = run(*SHOW).out
    changed = run(*SHOW, env=other).out
    assert len(_kept(isolated)) == 2
    assert run(*SHOW, env=other).out == changed and run(*SHOW).out == plain


def test_another_language_or_article_is_drawn_anew(isolated: Path) -> None:
    english = run(*SHOW).out
    chinese = run(*SHOW, "--lang", "zh").out
    assert chinese.startswith("\x1b[1m黄褐斑") and english.startswith("\x1b[1mMelasma")
    assert len(_kept(isolated)) == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_bytes(p.read_bytes()[:-5] + b"HACK\n"),  # text changed, crc kept
        lambda p: p.write_bytes(b""),
        lambda p: p.chmod(0o666),  # others could have written it
        lambda p: (p.unlink(), p.symlink_to("/etc/passwd")),
    ],
)
def test_a_damaged_or_foreign_file_is_never_printed(isolated: Path, damage) -> None:
    drawn = run(*SHOW).out
    (kept,) = _kept(isolated)
    damage(kept)
    assert run(*SHOW).out == drawn
    assert run(*SHOW).out == drawn  # and it was replaced by a good one


def test_a_second_view_does_not_import_rich(isolated: Path) -> None:
    code = (
        "import sys\n"
        "from tacref.cli import main\n"
        f"sys.argv = ['tacref', *{list(SHOW)!r}]\n"
        "try:\n    main()\n"
        "except SystemExit:\n    pass\n"
        "print('rich' in sys.modules, file=sys.stderr)\n"
    )
    env = {**os.environ, "TACREF_CACHE_DIR": str(isolated)}
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
        for _ in range(2)
    ]
    assert [r.stderr.strip().splitlines()[-1] for r in runs] == ["True", "False"]
    assert runs[0].stdout == runs[1].stdout and "Melasma" in runs[0].stdout


def test_pruning_removes_only_what_tacref_wrote(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tacref import rendered

    monkeypatch.setattr(rendered, "KEEP", 4)
    folder = isolated / "rendered"
    folder.mkdir(parents=True)
    theirs = ["notes.txt", "draft.tmp", f"{'0' * 31}.txt", f".{'a' * 32}.x.tmp"]
    for name in theirs:
        (folder / name).write_text("mine")
    for width in ("60", "70", "90", "100", "110", "120"):
        assert run(*SHOW, env={"COLUMNS": width}).code == 0
    assert {p.name for p in folder.iterdir()} >= set(theirs)
    ours = [p for p in _kept(isolated) if p.name not in theirs]
    assert 2 <= len(ours) <= 4  # pruned, and never past KEEP


def test_a_kept_file_in_a_folder_others_can_write_is_never_printed(isolated: Path) -> None:
    from tacref import rendered

    drawn = run(*SHOW).out
    (kept,) = _kept(isolated)
    forged = b"FORGED\n"
    kept.write_bytes(rendered._crc(kept.stem, forged).to_bytes(4, "little") + forged)
    assert run(*SHOW).out == "FORGED\n"  # the check below is what refuses it
    kept.parent.chmod(0o777)  # anyone could have put it there
    try:
        assert run(*SHOW).out == drawn
    finally:
        kept.parent.chmod(0o700)
