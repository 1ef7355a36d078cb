"""Chinese output as a Chinese reader expects it: Chinese punctuation where tacref
joins text (labels, Q/A, sources, regulators, separators; ASCII marks stay where the
data has them, in numbers, commands and URLs), lists in pinyin order, and Chinese
first in a bilingual article read in Chinese."""

import json
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from conftest import run

DATA = Path(__file__).parent.parent / "data"
CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
# an ASCII mark with a Chinese character next to it, or one space away
ASCII_NEXT_TO_CJK = re.compile(rf"(?<=[{CJK}]) ?[,.:;!?()\[\]]|[,.:;!?()\[\]](?= ?[{CJK}])")
# commands (tacref show x), URLs, numbers (1.5, 1,000, 10:00) keep their marks
ALLOWED = re.compile(
    r"tacref [a-z-]+(?: [^\s，。；：、）]*[^\s，。；：、）.,;:!?])*|https?://\S+|\d[.,:]\d"
)


def _ids(folder: str) -> list[str]:
    return sorted(p.stem for p in (DATA / folder).glob("*.yaml"))


@cache
def _data_text() -> str:
    """Every string of the bundled data, one a line: marks there are the data's own."""
    strings: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for path in DATA.glob("*/*.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return "\n".join(strings)


def tacref_marks(out: str) -> list[str]:
    """ASCII marks next to Chinese text that tacref put there (not the data)."""
    found = []
    for line in out.splitlines():
        masked = ALLOWED.sub(lambda m: "x" * len(m.group()), line)
        for m in ASCII_NEXT_TO_CJK.finditer(masked):
            i = m.start() + (m.group()[0] == " ")  # the mark itself
            # the data's own mark when the mark and the text on one side are the data's
            before, after = line[max(0, i - 4) : i + 1], line[i : i + 5]
            if before not in _data_text() and after not in _data_text():
                found.append(line[max(0, i - 12) : i + 12])
    return found


COMMANDS = [
    *(("show", i) for i in _ids("conditions")),
    *(("side-effects", i) for i in ("vitiligo", "kidney-transplant", "acne", "tremor")),
    *(("side-effects", i) for i in ("ointment", "capsules", "eye-suspension")),
    *(("related", i) for i in ("vitiligo", "lupus", "acne", "kidney-transplant")),
    ("forms",),
    *(("forms", i) for i in _ids("forms")),
    ("interactions",),
    *(("interactions", i) for i in _ids("interactions")),
    ("symptom", "手抖"),
    ("symptom", "发烧", "头痛"),
    ("symptom", "漏服了一次"),
    ("search", "软膏"),
    ("list",),
    ("categories",),
]


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One index for the module: ~150 runs need not build ~150 indexes."""
    return {"TACREF_CACHE_DIR": str(tmp_path_factory.mktemp("cache"))}


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_chinese_output_has_chinese_punctuation(
    args: tuple[str, ...], cache: dict[str, str]
) -> None:
    r = run(*args, "--lang", "zh", env=cache)
    assert r.code == 0, r.err
    assert tacref_marks(r.out) == []


def test_the_scan_finds_english_marks_in_chinese_text() -> None:
    found = tacref_marks("Q: 可以用吗？\n- 指南. 某某学会, 某某出版社 (guideline)")
    assert len(found) == 4  # "Q:", ". ", ", " and " ("
    assert tacref_marks("用 tacref show 白癜风. 查看") != []
    assert tacref_marks("用“tacref show 白癜风”查看；0.1% 软膏；1,000 人") == []


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("show", "vitiligo"), "白癜风（Vitiligo）\n"),
        (("show", "vitiligo"), "\n问：他克莫司软膏是激素吗？\n答："),
        (("show", "vitiligo"), "定位：超说明书用药\n"),
        (("show", "kidney-transplant"), "获批情况：美国FDA：普乐可复"),
        (("show", "kidney-transplant"), "获批情况：中国NMPA："),
        (
            ("show", "alopecia-areata"),
            "- 中国斑秃诊疗指南（2019）。中华医学会皮肤性病学分会毛发学组，2020（指南）\n",
        ),
        (("show", "alopecia-areata"), "Eli Lilly and Company, 2022（说明书）\n"),
        (("related", "acne"), "玫瑰痤疮（rosacea）\t"),
        (("interactions",), "柚子（pomelo）\t"),
        (("forms",), "0.03%和0.1%皮肤外用软膏（ointment）\t"),
    ],
)
def test_chinese_labels(args: tuple[str, ...], expected: str, cache: dict[str, str]) -> None:
    assert expected in run(*args, "--lang", "zh", env=cache).out


def test_english_labels_are_unchanged() -> None:
    out = run("show", "vitiligo").out
    assert out.startswith("Vitiligo (白癜风)\n")
    assert "\nQ: " in out and "\nA: " in out and "Status: off-label\n" in out
    assert "Approvals: US FDA: " in run("show", "kidney-transplant").out
    assert "\nRosacea\tinvestigational\t" in run("related", "acne").out  # its name is its id


def test_list_in_chinese_is_in_pinyin_order(cache: dict[str, str]) -> None:
    out = run("list", "--lang", "zh", env=cache).out
    names = [line.split("\t")[1] for line in out.splitlines()[1:]]
    # code-point order was 斑秃, 特应性皮炎, 狼疮性肾炎, 白癜风
    order = [names.index(n) for n in ("白癜风", "斑秃", "狼疮性肾炎", "特应性皮炎（特应性湿疹）")]
    assert order == sorted(order)
    assert names[0] == "白癜风" and names[-1].startswith("周围神经病变")
    assert names.index("干眼") < names.index("肝移植：预防移植排斥")  # gan yan < gan yi
    from tacref.index import pinyin_keys

    keys = pinyin_keys(names)
    assert keys == sorted(keys)
    listed = json.loads(run("list", "--lang", "zh", "--json", env=cache).out)["conditions"]
    ids = [r["id"] for r in listed]
    assert ids == [line.split("\t")[0] for line in out.splitlines()[1:]]


def test_without_pypinyin_the_list_still_builds(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from tacref.index import pinyin_keys

    monkeypatch.setitem(sys.modules, "pypinyin", None)  # import fails
    assert pinyin_keys(["白癜风", "斑秃"]) == ["", ""]


def test_bilingual_puts_the_chosen_language_first(cache: dict[str, str]) -> None:
    zh = run("show", "vitiligo", "--bilingual", "--lang", "zh", env=cache).out
    assert zh.startswith("白癜风（Vitiligo）\n")
    assert zh.index("摘要") < zh.index("Summary") < zh.index("关于这种疾病")
    en = run("show", "vitiligo", "--bilingual", env=cache).out
    assert en.startswith("Vitiligo (白癜风)\n")
    assert en.index("Summary") < en.index("摘要") < en.index("About the condition")


def test_bilingual_on_a_wide_terminal_has_chinese_on_the_left(cache: dict[str, str]) -> None:
    env = {**cache, "COLUMNS": "120", "NO_COLOR": "1"}
    args = ("show", "vitiligo", "--bilingual", "--section", "urgent", "--color", "always")

    def words(out: str) -> list[str]:  # the urgent frames' lines drawn, the words left
        return [w for w in out.split() if not set(w) <= set("┏┓┗┛━┃")]

    first = words(run(*args, "--lang", "zh", env=env).out)
    assert first[:6] == ["⚠", "紧急：何时需要紧急就医", "⚠", "URGENT:", "When", "to"]
    first = words(run(*args, env=env).out)
    assert first[:8] == ["⚠", "URGENT:", "When", "to", "get", "urgent", "help", "⚠"]
    assert first[8] == "紧急：何时需要紧急就医"


def test_bilingual_html_marks_each_column_with_its_language(cache: dict[str, str]) -> None:
    page = run("show", "vitiligo", "--bilingual", "--lang", "zh", "--format", "html", env=cache)
    assert '<div class="bilingual"><div lang="zh-Hans">' in page.out
    assert "<title>白癜风</title>" in page.out
