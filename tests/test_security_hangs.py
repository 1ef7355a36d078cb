"""No input makes tacref hang, or fail for everything (security review, part 4).

Each test runs under a time limit: a real process with a timeout, or a
``time.monotonic()`` bound; each asserts what a user sees.
"""

import contextlib
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run, tacref_exe
from tacref import context, queries
from tacref.names import normalize

VITILIGO = context.data_dirs(None)[0].path / "vitiligo.yaml"
ROOT = Path(__file__).resolve().parent.parent
LIMIT = 15.0  # seconds; before the fixes these took from 35 s to over 5 minutes


def article(directory: Path, ident: str, name: str | None = None, **changes: object) -> Path:
    """A valid article (vitiligo's text) with its own id and names, no aliases or links."""
    data = yaml.safe_load(VITILIGO.read_text(encoding="utf-8"))
    data.update(
        id=ident,
        names={"en": name or f"Condition {ident}", "zh": f"病{ident}"},
        aliases=[],
        related=[],
    )
    data.update(changes)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{ident}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def tacref(*args: str | bytes, limit: float = LIMIT) -> subprocess.CompletedProcess:
    """The installed console script, stdout a pipe, failing the test after ``limit`` s."""
    try:
        return subprocess.run(
            [tacref_exe(), *args], capture_output=True, text=True, timeout=limit, env=os.environ
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"tacref {' '.join(map(str, args))[:80]} took over {limit} s")


def listed(out: str, path: Path) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(str(path))]


def line_of(path: Path, text: str) -> int:
    """The number of the first line of ``path`` that is ``text`` (spaces around aside)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.strip() == text)


# -- Reporting problems is linear, and bounded per file ----------------------------


def test_thousands_of_bad_aliases_are_reported_briefly_and_fast(tmp_path: Path) -> None:
    path = article(tmp_path, "many-bad", aliases=list(range(3000)))
    v = tacref("validate", str(tmp_path))
    assert v.returncode == 1
    lines = listed(v.stdout, path)
    assert len(lines) == 21
    first = [int(line.split(":")[1]) for line in lines[:20]]
    assert first == sorted(first)
    assert lines[0].endswith(": aliases[0]: a number, not a string")
    assert lines[19].endswith(": aliases[19]: a number, not a string")
    assert lines[20] == f"{path}: ... and 981+ more problems in this file"
    assert v.stderr == "tacref: 1001+ problem(s) in 1 file(s)\n"
    s = tacref("show", "melasma", "-s", "summary", "--data-dir", str(tmp_path))
    assert s.returncode == 0 and s.stdout.startswith("Summary")
    assert s.stderr.startswith("tacref: warning: 1001 data problem(s) skipped;")


def test_a_long_list_of_mixed_values_is_checked_in_linear_time(tmp_path: Path) -> None:
    # jsonschema's uniqueItems compares every pair when the items do not sort
    path = article(tmp_path, "mixed", aliases=[i if i % 2 else f"a{i}" for i in range(20000)])
    v = tacref("validate", str(tmp_path))
    assert v.returncode == 1
    lines = listed(v.stdout, path)
    assert len(lines) == 21 and lines[-1].endswith("more problems in this file")
    assert f"{path}:{line_of(path, '- 1')}: aliases[1]: a number, not a string" in lines


def test_thousands_of_dangling_related_ids_are_reported_briefly_and_fast(tmp_path: Path) -> None:
    related = [{"id": f"nowhere-{i:04d}", "why": {"en": "x", "zh": "x"}} for i in range(3000)]
    path = article(tmp_path, "dangling", related=related)
    v = tacref("validate", str(tmp_path))
    assert v.returncode == 1
    lines = listed(v.stdout, path)
    line = line_of(path, "- id: nowhere-0000")
    assert lines[0] == f"{path}:{line}: related id 'nowhere-0000' does not exist"
    assert len(lines) == 21
    assert lines[20] == f"{path}: ... and 2980 more problems in this file"
    assert v.stderr == "tacref: 3000 problem(s) in 1 file(s)\n"


def test_thousands_of_names_two_user_files_share_are_reported_briefly(tmp_path: Path) -> None:
    aliases = [f"shared {i}" for i in range(3000)]
    one = article(tmp_path, "one", aliases=aliases)
    article(tmp_path, "two", aliases=aliases)
    v = tacref("validate", str(tmp_path))
    assert v.returncode == 1
    lines = listed(v.stdout, one)
    line = line_of(one, "- shared 0")
    assert lines[0] == f"{one}:{line}: name or alias 'shared 0' is also used by 'two'"
    assert lines[20] == f"{one}: ... and 2980 more problems in this file"
    assert len(lines) == 21 and v.stdout.count("\n") == 21
    # a name two articles of one directory share stays with both
    s = tacref("show", "shared 7", "--data-dir", str(tmp_path))
    assert s.returncode == 1
    said = "'shared 7' matches more than one condition: Condition one (one), Condition two (two);"
    assert said in s.stderr


# -- Did you mean: bounded, and as good as before ------------------------------------


@pytest.mark.parametrize(
    ("typo", "suggestion"),
    [
        ("vitilgo", "vitiligo"),
        ("lupis", "lupus"),
        ("kidny transplant", "kidney-transplant"),
    ],
)
def test_real_typos_still_get_their_suggestion(typo: str, suggestion: str) -> None:
    r = run("show", typo)
    assert r.code == 1 and r.err.count("\n") == 1
    assert r.err.startswith(f"tacref: no condition matches {typo!r}; did you mean: {suggestion}")


@pytest.mark.parametrize(("typo", "suggestion"), [("白癜疯", "白癜风"), ("红斑狼创", "红斑狼疮")])
def test_chinese_typos_get_their_suggestion_in_chinese(typo: str, suggestion: str) -> None:
    r = run("show", typo)
    assert r.code == 1 and r.err.count("\n") == 1
    assert r.err == f"tacref: 没有与“{typo}”相符的疾病；您是不是想说：{suggestion}？\n"


def long_aliases(directory: Path) -> Path:
    """An article with thousands of long aliases of two letters: a misspelling
    of that kind took difflib 35 s to compare with all of them."""
    rng = random.Random(4)
    short = ["".join(rng.choice("ab") for _ in range(rng.randint(40, 58))) for _ in range(1000)]
    long = ["".join(rng.choice("ab") for _ in range(190)) for _ in range(3000)]
    aliases = [f"{a}{i}" for i, a in enumerate(short + long)]
    return article(directory, "long-aliases", aliases=aliases)


def test_a_long_misspelling_against_thousands_of_long_aliases_answers_quickly(
    tmp_path: Path,
) -> None:
    long_aliases(tmp_path)
    words = [["ab" * 99 + "c"], ["ab" * 29 + "c"], ["ab" * 19 + "c"] * 5]
    for command in (["show", *words[0]], ["show", *words[1]], ["search", *words[2]]):
        r = tacref(*command, "--data-dir", str(tmp_path), limit=LIMIT)
        assert r.returncode == 1 and r.stdout == ""
        assert r.stderr.startswith("tacref: no") and r.stderr.count("\n") == 1


@pytest.fixture(scope="module")
def hostile_index(tmp_path_factory: pytest.TempPathFactory):
    from tacref.index import open_index

    data = tmp_path_factory.mktemp("data")
    long_aliases(data)
    dirs = context.data_dirs(data)
    return open_index(dirs, context.schema_path(), tmp_path_factory.mktemp("cache"))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=250) | st.text(alphabet="ab c", max_size=250))
def test_any_text_gets_its_suggestions_within_a_time_bound(hostile_index, text: str) -> None:
    start = time.monotonic()
    found = queries.suggest_for_search(hostile_index, text)
    key = normalize(text[: queries.MAX_QUERY])
    if key:
        found += queries.suggest(hostile_index, key)
    assert time.monotonic() - start < 3.0
    assert all(isinstance(name, str) for name in found)


# -- A parallel build's workers end with it ------------------------------------------


@pytest.fixture(scope="module")
def two_hundred(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synthetic") / "data"
    script = str(ROOT / "benchmarks" / "make_dataset.py")
    subprocess.run([sys.executable, script, "200", str(out)], check=True, timeout=120)
    return out


def children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[1] == str(pid):
            found.add(int(stat.parent.name))
    return found


def kill_mid_build(command: list[str], data: Path) -> tuple[bool, set[int]]:
    """Start a build with stdout a pipe, SIGKILL it once its workers run: did the
    pipe reach EOF within a few seconds (no worker kept it open)?"""
    proc = subprocess.Popen(
        [*command, "list", "--data-dir", str(data)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the cleanup below ends them all
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 30
    while not workers and proc.poll() is None and time.monotonic() < deadline:
        workers = children(proc.pid)
        time.sleep(0.02)
    assert workers, "the build ended (or never started) before its workers could be seen"
    proc.kill()
    proc.wait()
    ended = threading.Event()
    threading.Thread(target=lambda: (proc.stdout.read(), ended.set()), daemon=True).start()
    eof = ended.wait(5)
    with contextlib.suppress(OSError):  # leave nothing behind when the test fails
        os.killpg(proc.pid, signal.SIGKILL)
    return eof, workers


pytestmark_linux = pytest.mark.skipif(
    not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2,
    reason="parallel builds need two cores; /proc is Linux's",
)


@pytestmark_linux
def test_workers_end_when_a_killed_build_leaves_them(two_hundred: Path) -> None:
    eof, workers = kill_mid_build([tacref_exe()], two_hundred)
    assert eof, f"workers {workers} kept stdout open after their parent was killed"


@pytestmark_linux
def test_workers_end_with_their_parent_without_prctl_too(two_hundred: Path) -> None:
    fallback = (
        "import sys; from tacref import catalog, cli;"
        "catalog._kill_when_parent_ends = lambda: False;"
        "sys.argv[0] = 'tacref'; cli.main()"
    )
    eof, workers = kill_mid_build([sys.executable, "-c", fallback], two_hundred)
    assert eof, f"workers {workers} kept stdout open after their parent was killed"


def test_a_worker_whose_parent_is_already_gone_exits() -> None:
    check = "import os, sys; from tacref import catalog; catalog._die_with(int(sys.argv[1]))"
    gone = subprocess.run([sys.executable, "-c", check, "1"], timeout=30)
    here = subprocess.run([sys.executable, "-c", check, str(os.getpid())], timeout=30)
    assert (gone.returncode, here.returncode) == (1, 0)


# -- One user file never makes every command fail -------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "0x" + "f" * 5000,
        ":".join(["1"] + ["59"] * 2500),  # base 60
        "0" + "7" * 5000,  # octal
        "0b" + "1" * 5000,
        "9" * 5000,
        "!!float " + "1" * 5000,
    ],
)
def test_a_huge_number_refuses_its_file_only(tmp_path: Path, number: str) -> None:
    path = article(tmp_path, "huge")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("year: 20", f"year: {number} #", 1), encoding="utf-8")
    line = next(n for n, t in enumerate(path.read_text().splitlines(), 1) if "year:" in t)
    kind = "float" if "float" in number else "int"
    s = run("show", "melasma", "-s", "summary", "--data-dir", str(tmp_path))
    assert s.code == 0 and s.out.startswith("Summary")
    assert s.err.startswith("tacref: warning: 1 data problem(s) skipped;")
    v = run("validate", str(tmp_path))
    assert v.code == 1
    assert v.out.startswith(f"{path}:{line}: YAML: not a valid {kind} (over 100 characters)")
    assert v.out.count("\n") == 1 and len(v.out) < 300


def test_a_fault_of_tacrefs_own_in_one_file_refuses_that_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tacref import validate

    check = validate.check

    def broken(doc, *args):
        if doc.path.name == "trap.yaml":
            raise ValueError("boom")
        return check(doc, *args)

    monkeypatch.setattr(validate, "check", broken)
    path = article(tmp_path, "trap")
    s = run("show", "melasma", "-s", "summary", "--data-dir", str(tmp_path))
    assert s.code == 0 and s.out.startswith("Summary")
    v = run("validate", str(tmp_path))
    assert v.out == f"{path}: could not be checked (internal error: ValueError: boom)\n"


def bad_name(directory: Path, name: bytes) -> Path:
    try:
        target = Path(os.fsdecode(os.fsencode(directory) + b"/" + name))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("", encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    return target


def test_a_file_name_that_is_not_utf8_is_refused_and_the_rest_answers(tmp_path: Path) -> None:
    good = article(tmp_path, "good")
    bad = bad_name(tmp_path, b"ba\xffd.yaml")
    bad.write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    s = tacref("show", "good", "-s", "summary", "--data-dir", str(tmp_path))
    assert s.returncode == 0 and s.stdout.startswith("Summary")
    assert s.stderr.startswith("tacref: warning: 1 data problem(s) skipped;")
    v = tacref("validate", str(tmp_path))
    assert v.returncode == 1
    assert v.stdout == f"{tmp_path}/ba\\xffd.yaml: the file name is not valid UTF-8; rename it\n"


def test_a_directory_name_that_is_not_utf8_is_refused_and_the_rest_answers(
    tmp_path: Path,
) -> None:
    placeholder = bad_name(tmp_path, b"d\xfe/placeholder")
    placeholder.unlink()
    article(placeholder.parent, "inside")
    r = tacref("list", "--data-dir", str(placeholder.parent))
    assert r.returncode == 0 and "Vitiligo" in r.stdout
    assert r.stderr == (
        f"tacref: warning: 1 data problem(s) skipped; run 'tacref validate {tmp_path}/d\\xfe'\n"
    )
    v = tacref("validate", str(placeholder.parent))
    assert v.returncode == 1
    expected = f"{tmp_path}/d\\xfe/inside.yaml: the file name is not valid UTF-8; rename it\n"
    assert v.stdout == expected


# -- Names and ids: the bundled article keeps its names; duplicates are said -----------


def test_a_user_alias_that_is_a_bundled_name_leaves_the_bundled_article_its_name(
    tmp_path: Path,
) -> None:
    path = article(tmp_path, "my-notes", "My notes", aliases=["白癜风", "patchy skin"])
    r = run("show", "白癜风", "--json", "--data-dir", str(tmp_path))
    assert r.code == 0 and '"id": "vitiligo"' in r.out
    mine = run("show", "patchy skin", "--json", "--data-dir", str(tmp_path))
    assert mine.code == 0 and '"id": "my-notes"' in mine.out
    v = run("validate", str(tmp_path))
    line = line_of(path, "- 白癜风")
    assert v.code == 1
    assert v.out == (
        f"{path}:{line}: name or alias '白癜风' is also used by 'vitiligo' (bundled),"
        " which keeps it\n"
    )


def test_two_files_with_one_id_in_one_directory_say_which_is_ignored(tmp_path: Path) -> None:
    article(tmp_path, "twin", "Twin from yaml")
    other = article(tmp_path / "elsewhere", "twin", "Twin from yml")
    other.rename(tmp_path / "twin.yml")
    r = run("show", "twin", "--json", "--data-dir", str(tmp_path))
    assert r.code == 0 and "Twin from yaml" in r.out
    v = run("validate", str(tmp_path))
    assert v.code == 1
    assert v.out == f"{tmp_path / 'twin.yml'}: same id as twin.yaml; ignored\n"


def test_overriding_a_bundled_article_by_id_stays_silent(tmp_path: Path) -> None:
    article(tmp_path, "vitiligo", "Vitiligo (mine)", aliases=["白癜风"])
    v = run("validate", str(tmp_path))
    assert (v.code, v.err) == (0, "")
    r = run("show", "白癜风", "--json", "--data-dir", str(tmp_path))
    assert r.code == 0 and "Vitiligo (mine)" in r.out and r.err == ""


def product(directory: Path, ident: str, **changes: object) -> Path:
    """A valid product (the bundled capsules) with its own id and names."""
    source = context.data_dirs(None)[0].path.parent / "forms" / "capsules.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data.update(
        id=ident, names={"en": f"Product {ident}", "zh": f"产品{ident}"}, brands=[], aliases=[]
    )
    data.update(changes)
    forms = directory / "forms"
    forms.mkdir(parents=True, exist_ok=True)
    path = forms / f"{ident}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_user_products_brand_that_is_a_bundled_one_leaves_the_bundled_product_its_name(
    tmp_path: Path,
) -> None:
    path = product(tmp_path, "my-capsules", brands=["Prograf", "Mycaps"])
    r = run("forms", "Prograf", "--json", "--data-dir", str(tmp_path))
    assert r.code == 0 and '"id": "capsules"' in r.out
    mine = run("forms", "Mycaps", "--json", "--data-dir", str(tmp_path))
    assert mine.code == 0 and '"id": "my-capsules"' in mine.out
    v = run("validate", str(tmp_path))
    assert v.code == 1
    line = next(n for n, t in enumerate(path.read_text().splitlines(), 1) if "Prograf" in t)
    assert (
        f"{path}:{line}: name 'Prograf' is also used by product capsules (bundled),"
        " which keeps it\n" in v.out
    )


def test_thousands_of_names_two_user_products_share_are_reported_briefly(tmp_path: Path) -> None:
    aliases = [f"shared product {i}" for i in range(3000)]
    one = product(tmp_path, "one", aliases=aliases)
    product(tmp_path, "two", aliases=aliases)
    v = tacref("validate", str(tmp_path))
    assert v.returncode == 1
    lines = listed(v.stdout, one)
    line = line_of(one, "- shared product 0")
    assert lines[0] == f"{one}:{line}: name 'shared product 0' is also used by product two"
    assert lines[20] == f"{one}: ... and 2980 more problems in this file"
    assert len(lines) == 21


def test_two_product_files_with_one_id_in_one_directory_say_which_is_ignored(
    tmp_path: Path,
) -> None:
    product(tmp_path, "twin")
    other = product(tmp_path / "elsewhere", "twin")
    other.rename(tmp_path / "forms" / "twin.yml")
    v = run("validate", str(tmp_path))
    assert v.code == 1
    assert v.out == f"{tmp_path / 'forms' / 'twin.yml'}: same id as twin.yaml; ignored\n"


def _readings(count: int, words: int) -> list:
    from tacref.model import Level, Reading

    level = Level((150.0,), {"en": "very high blood pressure", "zh": "血压很高"})
    return [
        Reading(
            f"r{n}",
            {"en": tuple(f"w{n}x{i}" for i in range(words)), "zh": (f"读{n}",)},
            (20.0, 300.0),
            (level,),
        )
        for n in range(count)
    ]


@pytest.mark.parametrize("question", ["headache", "w3x7 is 190", "读5 190 w9x2 88"])
def test_readings_cost_grows_linearly_with_the_vocabularys_readings(
    monkeypatch: pytest.MonkeyPatch, question: str
) -> None:
    """Each reading used to gather every other reading's words on every question:
    50 readings of 600 words in a user file took 7 s of CPU per question
    (attack review round 4, C4-a). Work is counted, not timed."""
    from tacref import symptoms
    from tacref.names import symptom_key

    calls = 0

    def counted(text: str) -> str:
        nonlocal calls
        calls += 1
        return symptom_key(text)

    monkeypatch.setattr(symptoms, "symptom_key", counted)
    keys = {"very high blood pressure"}
    work = []
    for count in (20, 40, 80):
        calls = 0
        symptoms._readings(symptom_key(question), _readings(count, 50), keys)
        work.append(calls)
    assert work[2] <= 4.5 * work[0], work  # linear: 4x the readings, 4x the work


def test_a_word_of_another_reading_between_word_and_number_still_blocks_the_reading() -> None:
    """The rule the linear version keeps: "w1x0 w2x0 190" is reading r2's number."""
    from tacref import symptoms

    found = symptoms._readings("w1x0 w2x0 190", _readings(3, 2), {"very high blood pressure"})
    assert [(note.split(":")[0]) for *_, note in found] == ["w2x0 190"]


def test_a_huge_sparse_file_is_refused_without_being_read(tmp_path: Path) -> None:
    # hashing it read all of it (a TiB: hours) on every build, validate and draft shown
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as f:
        f.truncate(1 << 40)  # sparse: no disk used
    v = tacref("validate", str(tmp_path), limit=120)  # each builds the bundled set too
    assert (v.returncode, v.stdout) == (1, f"{huge}: larger than 1024 KiB; refused\n")
    shown = tacref("show", str(huge), limit=120)
    assert shown.returncode == 1 and "larger than 1024 KiB; refused" in shown.stdout


@pytest.mark.parametrize(
    "text", ["头痛" * 999, "嘴唇发紫" * 499, "blue lips " * 199, "很" * 1999, "头很" * 999]
)
def test_a_question_that_repeats_a_symptom_answers_quickly(text: str) -> None:
    # each place a symptom was found was checked against every other (74 s of CPU), and
    # each degree word against every character, once per group of words (20 s)
    p = tacref("symptom", text)
    assert p.returncode in (0, 1) and (p.stdout or p.stderr)


def _every_chinese_phrase(separator: str) -> str:
    """Every Chinese phrase of the symptom vocabulary and the side-effect profiles,
    shortest first, joined by ``separator``, up to the 2,000 characters a question may
    hold: hundreds of distinct symptoms in one question."""
    from tacref import paths
    from tacref.names import is_cjk

    phrases: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str) and value and len(value) <= 12 and all(map(is_cjk, value)):
            phrases.add(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    root = paths.bundled_data_dir()
    for path in [*root.glob("symptoms/*.yaml"), *root.glob("side-effects/*.yaml")]:
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    text = ""
    for phrase in sorted(phrases, key=lambda p: (len(p), p)):
        if len(text) + len(phrase) + len(separator) > 2000:
            break
        text += phrase + separator
    return text


@pytest.mark.parametrize("separator", ["没", "，", ""])
def test_a_question_of_many_distinct_symptoms_answers_in_a_second_or_two(separator: str) -> None:
    # each place found looked for the intensifier nearest it among all the others, for
    # every intensifier (and counted Chinese characters between them): 7-13 s of CPU
    from tacref import symptoms

    index = context.load()
    text = _every_chinese_phrase(separator)
    assert len(text) > 1900
    start = time.process_time()
    answer = symptoms.check(index, text)
    assert time.process_time() - start < 3.0  # ~1 s of it reading degree words (R8-1)
    assert answer.tier == "emergency"


@pytest.mark.parametrize("joiner", ["和", "或", "也", "还"])
def test_a_denial_followed_by_a_thousand_joining_words_answers_in_seconds(joiner: str) -> None:
    # "没有A和B" denies both: the clause's end was stripped of 和/或/也 by an anchored
    # pattern, retried from every place of a long run of them (~10 s of CPU)
    from tacref import symptoms

    index = context.load()
    text = ("没有" + joiner * 1000 + _every_chinese_phrase("乙"))[:2000]
    start = time.process_time()
    symptoms.check(index, text)
    assert time.process_time() - start < 4.0


def _near_raiser_by_every_pair(text: str, start: int, end: int, hits: list, found: list) -> str:
    """What ``symptoms._NearRaiser`` answers, as it was first written: every hit
    against every found phrase (quadratic; the reference for the fast one)."""
    import re

    from tacref import symptoms
    from tacref.names import is_cjk

    def distance(a: int, b: int, c: int, d: int) -> int:
        return max(c - b, a - d, 0)

    near = []
    for a, b, word in hits:
        if distance(a, b, start, end) <= min(
            distance(a, b, c, d) for c, d, _ in found or [(start, end, "")]
        ):
            near.append(word)
            continue
        between = text[min(b, end) : max(a, start)]
        words = re.findall(r"[a-z0-9']+", between)
        if words:
            close = len(words) <= symptoms.NEAR_WORDS and "but" not in words
        else:
            close = sum(is_cjk(c) for c in between) <= symptoms.NEAR and "但" not in between
        if not symptoms._CLAUSE.search(between) or close:
            near.append(word)
    return max(near, key=len, default="")


_PIECES = ["头", "痛", "但", "，", ",", " ", "but", "butter", "a", "x1", "'", "很", ".", "。"]


@st.composite
def _raised(draw: st.DrawFn) -> tuple[str, list, list, list]:
    text = "".join(draw(st.lists(st.sampled_from(_PIECES), max_size=30)))

    def spans(words: list[str]) -> list:
        starts = st.integers(0, len(text))
        span = st.tuples(starts, st.integers(0, 6), st.sampled_from(words))
        return [(a, min(a + n, len(text)), w) for a, n, w in draw(st.lists(span, max_size=6))]

    return text, spans(["very", "sudden", "很", "加重", "so"]), spans(["x", "y"]), spans(["z"])


@settings(max_examples=400, deadline=None)
@given(_raised())
def test_the_nearest_intensifier_is_the_one_every_pair_finds(case: tuple) -> None:
    from tacref import symptoms

    text, hits, found, others = case
    raiser = symptoms._NearRaiser(text, hits, found)
    for start, end, _ in [*found, *others]:
        expected = _near_raiser_by_every_pair(text, start, end, hits, found)
        assert raiser(start, end) == expected
