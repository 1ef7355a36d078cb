"""What a user sees from each command, through Typer's CliRunner."""

import json
from pathlib import Path

import pytest

from conftest import run

ALL_IDS = {
    "alopecia-areata",
    "atopic-dermatitis",
    "kidney-transplant",
    "lupus",
    "lupus-nephritis",
    "melasma",
    "vitiligo",
}


def test_list_shows_every_condition_sorted_by_name() -> None:
    r = run("list")
    assert r.code == 0
    lines = r.out.splitlines()
    assert lines[0].split("\t")[:2] == ["id", "Condition"]
    rows = [line.split("\t") for line in lines[1:]]
    assert {row[0] for row in rows} >= ALL_IDS
    names = [row[1].casefold() for row in rows]
    assert names == sorted(names)


@pytest.mark.parametrize(
    ("options", "field", "value", "some"),
    [
        (["--category", "dermatology"], "category", "dermatology", {"vitiligo", "melasma"}),
        (["--status", "approved"], "status", "approved", {"kidney-transplant", "lupus-nephritis"}),
        (["--status", "adverse-effect"], "status", "adverse-effect", {"tremor", "hyperkalemia"}),
        (["--form", "systemic"], "forms", "capsule", {"kidney-transplant", "lupus"}),
        (["--form", "ointment-0.03"], "forms", "ointment-0.03", {"atopic-dermatitis", "vitiligo"}),
    ],
)
def test_list_filters(options: list[str], field: str, value: str, some: set[str]) -> None:
    r = run("list", *options, "--json")
    assert r.code == 0
    rows = json.loads(r.out)["conditions"]
    assert some <= {c["id"] for c in rows}
    for c in rows:  # every row passes the filter (a route: one of its forms is of it)
        assert value in c[field] or (field == "forms" and value == "capsule"), c["id"]
    everything = {c["id"] for c in json.loads(run("list", "--json").out)["conditions"]}
    assert len(rows) < len(everything)


def test_a_filter_that_matches_nothing_is_exit_1() -> None:
    r = run("list", "--category", "oncology", "--status", "approved", "--json")
    assert r.code == 1  # like grep: nothing found is exit 1
    assert json.loads(r.out)["conditions"] == []


def test_list_json_has_the_same_rows_as_the_table() -> None:
    table_ids = [line.split("\t")[0] for line in run("list").out.splitlines()[1:]]
    data = json.loads(run("list", "--json").out)
    assert data["schema_version"] == 1
    assert [c["id"] for c in data["conditions"]] == table_ids
    assert {"id", "name", "names", "category", "status", "evidence", "forms"} <= set(
        data["conditions"][0]
    )


def test_show_prints_the_whole_article() -> None:
    r = run("show", "melasma")
    assert r.code == 0
    for text in (
        "Melasma",
        "Status: investigational",
        "Evidence: very low",
        "Summary",
        "About the condition",
        "How tacrolimus acts here",
        "How it is used",
        "What to expect",
        "Other treatments",
        "Precautions",
        "Daily care",
        "When to get urgent help",
        "Questions people ask",
        "Q: ",
        "Side effects",
        "Related conditions",
        "Sources",
        "Reviewed: 20",
        "not medical advice",
    ):
        assert text in r.out, text


def test_show_one_section() -> None:
    r = run("show", "vitiligo", "--section", "urgent")
    assert r.code == 0
    # marked in words, since a pipe has no colour or frame
    assert r.out.startswith("⚠ URGENT: When to get urgent help\n!!!!")
    assert "About the condition" not in r.out
    assert "not medical advice" in r.out


def test_show_unknown_section_is_a_usage_error() -> None:
    r = run("show", "vitiligo", "--section", "dosage")
    assert r.code == 2
    assert "not a section" in r.err and "daily-care" in r.err


def test_show_json() -> None:
    data = json.loads(run("show", "kidney transplant", "--json").out)
    article = data["article"]
    assert article["id"] == "kidney-transplant"
    assert article["status"] == "approved"
    assert {a["regulator"] for a in article["approvals"]} >= {"US FDA"}
    assert set(article["text"]) == {"en", "zh"}


def test_show_section_json() -> None:
    data = json.loads(run("show", "lupus", "-s", "side-effects", "--json").out)
    assert data["section"] == "side_effects"
    assert {row["form"] for row in data["content"]} == {"systemic", "topical"}


def test_show_in_chinese() -> None:
    r = run("show", "白癜风", "--lang", "zh")
    assert r.code == 0
    assert r.out.startswith("白癜风（Vitiligo）\n")
    for heading in ("摘要", "注意事项", "何时需要紧急就医", "常见问题", "不良反应", "资料来源"):
        assert heading in r.out
    assert "不能代替医疗建议" in r.out


def test_language_comes_from_the_locale() -> None:
    assert run("show", "vitiligo", "-s", "summary", env={"LANG": "zh_CN.UTF-8"}).out.startswith(
        "摘要"
    )
    assert run("show", "vitiligo", "-s", "summary", env={"LANG": "C"}).out.startswith("Summary")


def test_side_effects_for_lupus_cover_both_forms() -> None:
    r = run("side-effects", "lupus")
    assert r.code == 0
    assert r.out.startswith("Lupus (systemic lupus erythematosus): Side effects")
    assert "This table covers: capsule (acts on the whole body); " in r.out
    assert "ointment 0.03%, ointment 0.1% (on the skin)." in r.out
    header = next(line for line in r.out.splitlines() if line.startswith("Effect\t"))
    assert header.split("\t") == ["Effect", "Frequency", "Form", "Serious", "What to do"]


def test_side_effects_of_the_ointment_are_topical_only() -> None:
    data = json.loads(run("side-effects", "vitiligo", "--json").out)
    assert data["routes"] == ["topical"]
    r = run("side-effects", "vitiligo")
    assert "oral/IV" not in r.out
    assert "This table covers: ointment 0.03%, ointment 0.1% (on the skin).\n" in r.out


def test_side_effects_mark_serious_rows_in_text_not_only_colour() -> None:
    r = run("side-effects", "kidney-transplant")
    rows = [line.split("\t") for line in r.out.splitlines() if line.count("\t") == 4][1:]
    assert any(row[3] == "⚠ yes" for row in rows)
    assert any(row[3] == "no" for row in rows)


def test_related_lists_existing_conditions_with_a_reason() -> None:
    r = run("related", "vitiligo")
    assert r.code == 0
    data = json.loads(run("related", "vitiligo", "--json").out)
    assert data["related"]
    for item in data["related"]:
        assert item["id"] in ALL_IDS
        assert item["why"]["en"] and item["why"]["zh"]
        assert item["why"]["en"].split()[0] in r.out


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("白驳风", "vitiligo"),
        ("SLE", "lupus"),
        ("eczema", "atopic-dermatitis"),
        ("斑秃", "alopecia-areata"),
    ],
)
def test_search_finds_names_and_aliases_first(query: str, first: str) -> None:
    results = json.loads(run("search", query, "--json").out)["results"]
    assert results[0]["id"] == first


def test_search_full_text_in_both_languages() -> None:
    burning = json.loads(run("search", "burning skin", "--json").out)["results"]
    assert "atopic-dermatitis" in {r["id"] for r in burning}
    itch = json.loads(run("search", "瘙痒", "--json").out)["results"]  # two characters: no trigram
    assert itch and all("瘙痒" in r["snippet"] for r in itch)


def test_search_shows_a_snippet_around_the_hit() -> None:
    r = run("search", "grapefruit")
    assert r.code == 0
    assert "grapefruit" in r.out.lower()
    # the name as a person types it ('tacref show kidney transplant'), the id not repeated
    assert "\nKidney transplant: preventing rejection · " in r.out
    assert "(kidney-transplant)" not in r.out


def test_search_with_no_results_exits_1() -> None:
    r = run("search", "zzzqqqxxx")
    assert r.code == 1
    assert "nothing matches" in r.err


@pytest.mark.parametrize(
    ("query", "expected_id"),
    [
        ("vitiligo", "vitiligo"),
        ("VITILIGO", "vitiligo"),
        ("  Vitiligo ", "vitiligo"),
        ("白癜风", "vitiligo"),
        ("alopecia areata", "alopecia-areata"),
        ("Alopecia-Areata", "alopecia-areata"),
        ("alopeciaareata", "alopecia-areata"),
        ("alopecia", "alopecia-areata"),
        ("SLE", "lupus"),
        ("lupus", "lupus"),  # exact beats the prefix of "lupus nephritis"
        ("lupus nephritis", "lupus-nephritis"),
        ("renal transplant", "kidney-transplant"),
        ("vitil", "vitiligo"),  # a unique prefix
        ("特应性皮炎", "atopic-dermatitis"),
    ],
)
def test_condition_names_resolve(query: str, expected_id: str) -> None:
    data = json.loads(run("show", query, "--json").out)
    assert data["article"]["id"] == expected_id


def test_ambiguous_prefix_says_which_and_exits_1() -> None:
    r = run("show", "lu")
    assert r.code == 1
    assert r.out == ""
    assert r.err.startswith("tacref: 'lu' matches more than one condition: ")
    assert "Lupus, Lupus nephritis" in r.err and r.err.endswith("; type more of the name\n")


def test_misspelling_suggests_and_exits_1() -> None:
    r = run("side-effects", "vitilgo")
    assert (r.code, r.out) == (1, "")
    assert r.err == "tacref: no condition matches 'vitilgo'; did you mean: vitiligo?\n"


def test_unknown_name_without_suggestion_points_to_list() -> None:
    r = run("show", "qqqqqq")
    assert r.code == 1
    assert "tacref list" in r.err


@pytest.mark.parametrize(
    "args",
    [
        ["show"],
        ["list", "--status", "cured"],
        ["list", "--lang", "fr"],
        ["nosuchcommand"],
        ["show", "   "],
    ],
)
def test_usage_errors_exit_2_with_one_line(args: list[str]) -> None:
    r = run(*args)
    assert r.code == 2
    assert r.err.startswith("tacref: ") and r.err.count("\n") == 1
    assert r.out == ""


@pytest.mark.parametrize("option", ["-h", "--help"])
@pytest.mark.parametrize("command", ["list", "show", "side-effects", "related", "search"])
def test_help(command: str, option: str) -> None:
    r = run(command, option)
    assert r.code == 0
    assert "Usage: tacref " + command in r.out


def test_no_arguments_shows_an_overview() -> None:
    r = run()
    assert r.code == 0
    assert "tacref show vitiligo" in r.out


def test_version() -> None:
    from tacref import __version__

    count = len(list((Path(__file__).parents[1] / "data" / "conditions").glob("*.yaml")))
    expected = f"tacref {__version__} · data reviewed 2026-11-27 · {count} articles\n"
    assert run("--version").out == expected


def test_piped_output_is_plain() -> None:
    for args in (["list"], ["show", "lupus"], ["side-effects", "lupus"], ["search", "tremor"]):
        assert "\x1b" not in run(*args).out


def test_color_always_and_no_color() -> None:
    wide = {"COLUMNS": "200"}  # a table there (at 80, a card per side effect)
    coloured = run("side-effects", "lupus", "--color", "always", env=wide).out
    assert "\x1b[" in coloured and "─" in coloured
    plain_pretty = run(
        "side-effects", "lupus", "--color", "always", env={**wide, "NO_COLOR": "1"}
    ).out
    assert "─" in plain_pretty
    assert "\x1b[31" not in plain_pretty and "\x1b[1;31" not in plain_pretty


def test_search_matches_word_forms_and_single_chinese_characters() -> None:
    burn = {r["id"] for r in json.loads(run("search", "burn", "--json").out)["results"]}
    assert "atopic-dermatitis" in burn  # the text says "burning"
    itch = json.loads(run("search", "痒", "--json").out)["results"]
    assert itch and all("痒" in r["snippet"] for r in itch)


def test_a_word_form_found_by_stem_is_shown_in_its_section_not_the_names() -> None:
    results = json.loads(run("search", "burned", "--json").out)["results"]
    assert results and all(r["matched_in"]["field"] != "names" for r in results)
    assert all("burn" in r["snippet"].lower() for r in results)


def test_a_chinese_phrase_does_not_match_across_punctuation_or_sections() -> None:
    # "红、发" (red, hair) and "秃" at the end of one section, "基" opening the next
    found = json.loads(run("search", "红发", "--json").out)["results"]
    assert "atopic-dermatitis" in [r["id"] for r in found]
    assert all("红发" in r["snippet"] for r in found)  # never "红、发"
    assert run("search", "秃基").code == 1
    parts = json.loads(run("search", "烧灼，刺痛", "--json").out)["results"]  # two phrases
    assert parts and all("烧灼" in r["snippet"] or "刺痛" in r["snippet"] for r in parts)


def test_search_takes_several_words_without_quotes() -> None:
    assert run("search", "burning", "skin").out == run("search", "burning skin").out


def test_approved_says_where() -> None:
    rows = {line.split("\t")[0]: line.split("\t")[3] for line in run("list").out.splitlines()[1:]}
    assert rows["lupus-nephritis"] == "approved (Japan)"
    assert rows["vitiligo"] == "off-label"
    data = json.loads(run("list", "--json").out)["conditions"]
    assert {c["id"]: c["approved_by"] for c in data}["lupus-nephritis"] == ["Japan PMDA"]
    assert "已获批（日本）" in run("related", "lupus", "--lang", "zh").out
