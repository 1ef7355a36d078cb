"""The bundled articles: valid, complete in every language, honest about forms."""

import json
import re
from pathlib import Path

import pytest

from tacref import catalog, context, loader, model, validate
from tacref.index import open_index

DATA = context.data_dirs(None)
SCHEMA = context.schema_path()
FILES = DATA[0].files()
ALL_FILES = [f for d in DATA for f in d.files()]  # articles, products, profiles


def profiles() -> dict[str, list[dict]]:
    loaded = catalog.others(DATA, SCHEMA, "side-effects")
    return {
        x.id: [model.side_effect_mapping(r) for r in x.article.effects] for x in loaded if x.article
    }


def articles() -> dict[str, model.Article]:
    loaded = catalog.articles(DATA, SCHEMA, profiles=profiles())
    return {x.article.id: x.article for x in loaded if x.article}


def test_there_are_articles() -> None:
    assert len(FILES) >= 7


def test_the_whole_dataset_loads_without_a_problem(tmp_path: Path) -> None:
    index = open_index(DATA, SCHEMA, tmp_path)
    assert index.problems() == []  # every file, and the checks across files
    assert {s.id for s in index.summaries()} == {f.stem for f in FILES}
    assert {p.id for p in index.items("product")} == {f.stem for f in DATA[1].files()}
    assert {"systemic", "topical", "eye"} == {f.stem for f in DATA[2].files()}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_article_is_complete(path: Path) -> None:
    article, problems = validate.check(loader.load(path), SCHEMA, profiles())
    assert problems == []
    assert article is not None
    assert set(article.names) == set(model.LANGS)
    for lang in model.LANGS:
        text = article.text[lang]
        assert set(text.sections) == set(model.SECTIONS)
        assert all(v.strip() for v in text.sections.values())
        assert len(text.faq) == len(article.text["en"].faq) >= 3
    for s in article.side_effects:
        assert set(s.effect) == set(s.action) == set(s.lay) == set(model.LANGS)
        assert s.source.strip(), "every row names the document it comes from"
    assert article.sources, "every article names its sources"


@pytest.mark.parametrize("route", ["systemic", "topical", "eye"])
def test_profile_rows_are_complete_in_both_languages(route: str) -> None:
    rows = profiles()[route]
    assert rows
    for row in rows:
        assert set(row["effect"]) == set(row["action"]) == set(row["lay"]) == set(model.LANGS)
        assert all(row["lay"][lang] for lang in model.LANGS), row["id"]
        assert row["source"].strip(), row["id"]


def test_systemic_profile_has_every_serious_label_warning() -> None:
    """US PI Warnings / EU SmPC 4.4 (shared/reference/label-facts.md items 9 and 19)."""
    rows = profiles()["systemic"]
    text = {r["id"]: (r["id"] + " " + r["effect"]["en"]).lower() for r in rows}
    serious = {r["id"] for r in rows if r["serious"]}
    for words in (
        ("qt",),
        ("thrombotic microangiopathy",),
        ("red cell aplasia",),
        ("pml", "jc virus"),
        ("bk virus", "bk-virus"),
        ("lymphoproliferative", "ptld"),
        ("pres", "posterior reversible"),
        ("nephrotox", "kidney"),
        ("seizure",),
        ("potassium",),
        ("blood pressure", "hypertension"),
        ("diabetes",),
        ("infection",),
        ("skin cancer",),
    ):
        found = [i for i, t in text.items() if any(w in t for w in words)]
        assert found, words
        assert set(found) & serious, words
    pres = next(r for r in rows if "pres" in r["id"])
    assert (pres["frequency"], pres["urgency"]) == ("unknown", "emergency")


def test_an_effect_an_article_adds_agrees_wherever_it_appears() -> None:
    """The same extra row id in two articles: same band, same seriousness."""
    seen: dict[str, tuple[str, bool]] = {}
    for article in articles().values():
        for row in article.side_effects:
            if row.why is None:
                value = (row.frequency, row.serious)
                assert seen.setdefault(f"{row.form}:{row.id}", value) == value, article.id


def test_every_override_says_why() -> None:
    for article in articles().values():
        base = {(r["form"], r["id"]): r for rows in profiles().values() for r in rows}
        for row in article.side_effects:
            original = base.get((row.form, row.id))
            if original and (original["frequency"], original["serious"]) != (
                row.frequency,
                row.serious,
            ):
                assert row.why, (article.id, row.id)


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_no_guessed_citation_identifiers_or_personal_doses(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"\b(PMID|doi:|10\.\d{4,}/|https?://)", text, re.IGNORECASE)
    assert not re.search(r"\d\s?(mg|毫克)\b", text), "no personal doses"


def test_related_links_resolve_and_are_not_self_links() -> None:
    cat = articles()
    for article in cat.values():
        for r in article.related:
            assert r.id in cat
            assert r.id != article.id


def test_ointment_only_articles_list_no_systemic_side_effects() -> None:
    for article in articles().values():
        if article.routes == ("topical",):
            assert {s.form for s in article.side_effects} == {"topical"}, article.id


def test_statuses_the_product_promises() -> None:
    cat = articles()
    assert cat["atopic-dermatitis"].status == "approved"
    assert cat["kidney-transplant"].status == "approved"
    assert cat["vitiligo"].status == "off-label"
    assert {a.regulator for a in cat["lupus-nephritis"].approvals} == {"Japan PMDA"}
    assert cat["melasma"].status in ("investigational", "no-established-role")
    assert cat["alopecia-areata"].status in ("investigational", "no-established-role")


def test_schema_vocabularies_match_the_model() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    props = schema["properties"]
    assert props["status"]["enum"] == list(model.STATUSES)
    assert props["evidence"]["enum"] == list(model.EVIDENCE)
    assert props["category"]["enum"] == list(model.CATEGORIES)
    assert schema["$defs"]["form"]["enum"] == list(model.FORMS)
    assert props["approvals"]["items"]["properties"]["regulator"]["enum"] == list(model.REGULATORS)
    side = props["side_effects"]["properties"]["extra"]["items"]["properties"]
    assert side["frequency"]["enum"] == list(model.FREQUENCIES)
    assert side["urgency"]["enum"] == list(model.URGENCIES)
    assert side["form"]["enum"] == list(model.ROUTES)
    assert schema["$defs"]["text"]["required"] == [*model.SECTIONS, "faq"]
    profile = json.loads(SCHEMA.with_name("profile.schema.json").read_text(encoding="utf-8"))
    assert profile["properties"]["id"]["enum"] == list(model.ROUTES)
    row = profile["properties"]["effects"]["items"]["properties"]
    assert row["frequency"] == side["frequency"]
    assert row["urgency"] == side["urgency"]
    product = json.loads(SCHEMA.with_name("product.schema.json").read_text(encoding="utf-8"))
    assert product["properties"]["forms"]["items"]["enum"] == list(model.FORMS)
    assert product["$defs"]["text"]["required"] == list(model.PRODUCT_SECTIONS)


def _zh_strings(value: object) -> list[str]:
    """Every Chinese text of a data file: values under a "zh" key."""
    if isinstance(value, dict):
        return [
            s for k, v in value.items() for s in (_zh_texts(v) if k == "zh" else _zh_strings(v))
        ]
    if isinstance(value, list):
        return [s for v in value for s in _zh_strings(v)]
    return []


def _zh_texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [s for v in (value.values() if isinstance(value, dict) else value) for s in _zh_texts(v)]


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_chinese_text_uses_chinese_punctuation(path: Path) -> None:
    cjk = "[\u4e00-\u9fff]"
    texts = _zh_strings(loader.load(path).data)
    assert texts
    for text in texts:
        bad = re.findall(rf'{cjk}[,;:?!("]|[,;:?!)"]{cjk}', text)
        assert not bad, (bad[:3], text[:80])
