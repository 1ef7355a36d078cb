"""tacref interactions: the list, one card, several at once, unknown agents, JSON, Chinese."""

import itertools
import json
from pathlib import Path

import pytest

from conftest import run

CARDS = Path(__file__).parents[1] / "data" / "interactions"


def cards(*args: str) -> list[dict]:
    r = run("interactions", *args, "--json")
    assert r.code == 0, r.err
    return json.loads(r.out)["interactions"]


def test_the_list_has_every_card_grouped_by_effect_most_serious_first() -> None:
    r = run("interactions")
    assert r.code == 0
    assert r.out.startswith("Raises tacrolimus levels\n")
    assert "Lowers tacrolimus levels" in r.out
    assert "Not in this list does not mean safe" in r.out
    listed = cards()
    assert {c["id"] for c in listed} == {p.stem for p in CARDS.glob("*.yaml")}
    raising = [c["severity"] for c in listed if c["effect"] == "raises-level"]
    order = ["avoid", "adjust", "monitor", "none"]
    assert raising == sorted(raising, key=order.index)


@pytest.mark.parametrize(
    ("name", "card"),
    [
        ("fluconazole", "fluconazole"),
        ("Diflucan", "fluconazole"),
        ("氟康唑", "fluconazole"),
        ("paxlovid", "nirmatrelvir-ritonavir"),
        ("PAXLOVID", "nirmatrelvir-ritonavir"),
        ("rifampin", "rifampicin"),
        ("利福平", "rifampicin"),
        ("clarithro", "clarithromycin"),  # a unique prefix is enough
    ],
)
def test_an_agent_resolves_by_generic_brand_chinese_name_or_prefix(name: str, card: str) -> None:
    assert [c["id"] for c in cards(name)] == [card]


def test_several_agents_at_once_most_serious_first_and_a_name_of_several_words() -> None:
    found = cards("azithromycin", "paxlovid", "fluconazole")
    assert [c["id"] for c in found] == ["azithromycin", "nirmatrelvir-ritonavir", "fluconazole"]
    out = run("interactions", "azithromycin", "paxlovid", "fluconazole").out
    lines = out.splitlines()
    titles = [line for line, under in itertools.pairwise(lines) if under.startswith("===")][:3]
    assert titles[0].startswith("Nirmatrelvir/ritonavir")  # avoid comes first on screen
    assert [c["id"] for c in cards("hepatitis", "c", "protease", "inhibitors")] == [
        "hepatitis-c-protease-inhibitors"
    ]


def test_a_card_says_what_to_do_never_to_change_the_dose() -> None:
    out = run("interactions", "paxlovid").out
    for heading in ("What happens", "What to do", "Signs to watch for", "Sources"):
        assert f"\n{heading}\n" in out
    assert "Severity: avoid" in out
    assert "Do not stop" in out or "do not stop" in out


def test_an_unknown_agent_is_exit_1_and_never_reads_as_safe() -> None:
    r = run("interactions", "aspirinx")
    assert r.code == 1
    assert r.out == ""
    assert r.err.startswith("tacref: no drug, herb or food matches 'aspirinx'")
    assert "does not mean it is safe with tacrolimus" in r.err


def test_filters() -> None:
    avoid = cards("--severity", "avoid")
    assert avoid and all(c["severity"] == "avoid" for c in avoid)
    lowering = cards("--effect", "lowers-level")
    assert {"rifampicin", "rifabutin"} <= {c["id"] for c in lowering}


def test_chinese() -> None:
    out = run("interactions", "氟康唑", "--lang", "zh").out
    assert out.startswith("氟康唑")
    assert "作用" in out and "严重程度" in out and "应该怎么做" in out


def test_a_condition_name_is_not_an_agent_and_an_agent_is_not_a_condition() -> None:
    assert run("interactions", "vitiligo").code == 1
    assert run("show", "fluconazole").code == 1


def test_search_finds_the_card_first() -> None:
    results = json.loads(run("search", "Diflucan", "--json").out)["results"]
    assert (results[0]["kind"], results[0]["id"]) == ("agent", "fluconazole")
    assert "tacref interactions fluconazole" in run("search", "fluconazole").out


def test_an_unspaced_chinese_question_finds_the_names_inside_it() -> None:
    results = json.loads(run("search", "他克莫司能和西柚一起吃吗", "--json").out)["results"]
    assert (results[0]["kind"], results[0]["id"]) == ("agent", "grapefruit")
    assert all("西柚" in r["highlights"] for r in results)
    assert (
        json.loads(run("search", "白癜风怎么治疗", "--json").out)["results"][0]["id"] == "vitiligo"
    )
