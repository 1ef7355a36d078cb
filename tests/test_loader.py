"""The YAML loader and validator: safe, and every problem has a file and line."""

from pathlib import Path

import pytest
import yaml

from tacref import context, loader, validate

SCHEMA = context.schema_path()
VITILIGO = context.data_dirs(None)[0].path / "vitiligo.yaml"


def write(tmp_path: Path, text: str | bytes, name: str = "vitiligo.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def problems_of(path: Path) -> list[str]:
    try:
        doc = loader.load(path)
    except loader.LoadError as exc:
        return [str(exc.problem)]
    return [str(p) for p in validate.check(doc, SCHEMA)[1]]


def test_syntax_error_reports_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "id: vitiligo\nnames: {en: x\n")
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:3: YAML:") and "column" in problem


def test_python_tags_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "id: !!python/object/apply:os.system ['echo pwned']\n")
    (problem,) = problems_of(path)
    assert f"{path}:1:" in problem and "python/object" in problem


def test_aliases_are_refused_before_they_can_expand(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    (problem,) = problems_of(write(tmp_path, bomb))
    assert "anchors/aliases are not allowed" in problem


@pytest.mark.parametrize(
    "text", ["[" * 990 + "]" * 990, "".join("  " * i + "a:\n" for i in range(600))]
)
def test_deep_nesting_is_refused_not_a_crash(tmp_path: Path, text: str) -> None:
    (problem,) = problems_of(write(tmp_path, text))
    assert "nested too deeply; refused" in problem


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('aliases: !!seq "lost"', "the tag 'tag:yaml.org,2002:seq' is not allowed"),
        ("!!set abc: x", "keys must be plain text (quote this one)"),
        ("yes: x", "keys must be plain text (quote this one)"),
        ("[a]: x", "keys must be plain text"),
        ("<<: {status: approved}", "merge keys (<<) are not allowed"),
        ("status: !!int abc", "not a valid int"),
        ("status: !!bool abc", "not a valid bool"),
        ("status: " + "9" * 5000, "not a valid int"),
        ("status: !!binary aGk=", "the tag 'tag:yaml.org,2002:binary' is not allowed"),
    ],
)
def test_tags_and_keys_an_article_never_needs_are_refused_with_their_line(
    tmp_path: Path, line: str, message: str
) -> None:
    (problem,) = problems_of(write(tmp_path, f"id: a\n{line}\n"))
    assert f":2: YAML: {message}" in problem


def test_a_control_character_is_reported_on_its_own_line(tmp_path: Path) -> None:
    (problem,) = problems_of(write(tmp_path, 'id: a\nstatus: "白\x07"\n'))
    assert ":2: YAML: control characters are not allowed (U+0007), column 11" in problem


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    (problem,) = problems_of(write(tmp_path, "id: a\nstatus: approved\nstatus: off-label\n"))
    assert ":3: YAML: duplicate key 'status'" in problem


def test_non_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    (problem,) = problems_of(
        write(tmp_path, "id: vitiligo\nnames: {zh: \xb0\xd7}\n".encode("latin-1"))
    )
    assert ":2: not UTF-8" in problem


def test_huge_file_is_refused(tmp_path: Path) -> None:
    (problem,) = problems_of(write(tmp_path, "x: " + "a" * (loader.MAX_FILE_BYTES + 10)))
    assert "refused" in problem


def test_dates_stay_strings() -> None:
    assert loader.load(VITILIGO).data["reviewed"] == str(loader.load(VITILIGO).data["reviewed"])


def test_wrong_values_are_reported_at_their_line(tmp_path: Path) -> None:
    text = VITILIGO.read_text(encoding="utf-8")
    text = text.replace("status: off-label", "status: cured", 1)
    text = text.replace("\nevidence:", "\nstauts: x\nevidence:", 1)
    path = write(tmp_path, text)
    problems = problems_of(path)
    line_of = {line: i + 1 for i, line in enumerate(text.splitlines())}
    assert (
        f"{path}:{line_of['status: cured']}: status: must be one of: approved, off-label"
        in "\n".join(problems)
    )
    assert any("unknown key 'stauts' (did you mean 'status'?)" in p for p in problems)


def test_missing_language_is_reported(tmp_path: Path) -> None:
    data = yaml.safe_load(VITILIGO.read_text(encoding="utf-8"))
    del data["text"]["zh"]
    data["reviewed"] = str(data["reviewed"])
    path = write(tmp_path, yaml.safe_dump(data, allow_unicode=True))
    assert any("text: 'zh' is a required property" in p for p in problems_of(path))


def test_id_must_match_file_name(tmp_path: Path) -> None:
    path = write(tmp_path, VITILIGO.read_text(encoding="utf-8"), name="other.yaml")
    assert any("must match the file name 'other'" in p for p in problems_of(path))


@pytest.mark.parametrize("evil", ["\x1b[2J", "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "\x07"])
def test_control_characters_in_text_are_refused(tmp_path: Path, evil: str) -> None:
    data = yaml.safe_load(VITILIGO.read_text(encoding="utf-8"))
    data["reviewed"] = str(data["reviewed"])
    data["text"]["en"]["summary"] = f"before {evil} after"
    path = write(tmp_path, yaml.safe_dump(data, allow_unicode=True))
    assert any("text.en.summary: contains a control character" in p for p in problems_of(path))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"aliases": 5}, "aliases: a number, not a list"),
        (
            {"side_effects": {"extra": [{"effect": "burning"}]}},
            "side_effects.extra[0].effect: a string, not a mapping",
        ),
        (
            {"reviewed": "yesterday"},
            "reviewed: must be a date written YYYY-MM-DD (this one: 9 characters, with letters)",
        ),
        ({"names": {"en": "Vitiligo"}}, "names: 'zh' is a required property"),
    ],
)
def test_wrong_types_and_missing_fields(tmp_path: Path, change: dict, expected: str) -> None:
    data = yaml.safe_load(VITILIGO.read_text(encoding="utf-8"))
    data["reviewed"] = str(data["reviewed"])
    data.update(change)
    path = write(tmp_path, yaml.safe_dump(data, allow_unicode=True))
    assert any(expected in p for p in problems_of(path)), problems_of(path)


def test_a_missing_required_field(tmp_path: Path) -> None:
    data = yaml.safe_load(VITILIGO.read_text(encoding="utf-8"))
    data["reviewed"] = str(data["reviewed"])
    del data["status"]
    path = write(tmp_path, yaml.safe_dump(data, allow_unicode=True))
    assert any(p.endswith(":1: 'status' is a required property") for p in problems_of(path))
