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


def articles() -> dict[str, model.Article]:
    return {x.article.id: x.article for x in catalog.articles(DATA, SCHEMA) if x.article}


def test_there_are_articles() -> None:
    assert len(FILES) >= 7


def test_the_whole_dataset_loads_without_a_problem(tmp_path: Path) -> None:
    index = open_index(DATA, SCHEMA, tmp_path)
    assert index.problems() == []  # every file, and the checks across files
    assert {s.id for s in index.summaries()} == {f.stem for f in FILES}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_article_is_complete(path: Path) -> None:
    article, problems = validate.check(loader.load(path), SCHEMA)
    assert problems == []
    assert article is not None
    assert set(article.names) == set(model.LANGS)
    for lang in model.LANGS:
        text = article.text[lang]
        assert set(text.sections) == set(model.SECTIONS)
        assert all(v.strip() for v in text.sections.values())
        assert len(text.faq) == len(article.text["en"].faq) >= 3
    for s in article.side_effects:
        assert set(s.effect) == set(s.action) == set(model.LANGS)
    assert article.sources, "every article names its sources"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
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
    side = props["side_effects"]["items"]["properties"]
    assert side["frequency"]["enum"] == list(model.FREQUENCIES)
    assert side["form"]["enum"] == list(model.ROUTES)
    assert schema["$defs"]["text"]["required"] == [*model.SECTIONS, "faq"]


def _zh_strings(article: model.Article) -> list[str]:
    text = article.text["zh"]
    return [
        *text.sections.values(),
        *(x for f in text.faq for x in (f.q, f.a)),
        *(x for s in article.side_effects for x in (s.effect["zh"], s.action["zh"])),
        *(r.why["zh"] for r in article.related),
        *(a.note["zh"] for a in article.approvals),
    ]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_chinese_text_uses_chinese_punctuation(path: Path) -> None:
    article = validate.check(loader.load(path), SCHEMA)[0]
    cjk = "[\u4e00-\u9fff]"
    for text in _zh_strings(article):
        bad = re.findall(rf'{cjk}[,;:?!("]|[,;:?!)"]{cjk}', text)
        assert not bad, (bad[:3], text[:80])
