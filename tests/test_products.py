"""Products (data/forms/) and side-effect profiles (data/side-effects/), as users see them."""

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import run

PRODUCTS = {
    "capsules",
    "granules",
    "prolonged-release-capsules",
    "extended-release-tablets",
    "infusion",
    "ointment",
    "eye-suspension",
}
SYSTEMIC = PRODUCTS - {"ointment", "eye-suspension"}


def test_forms_lists_every_product_in_both_languages() -> None:
    for lang in ("en", "zh"):
        r = run("forms", "--lang", lang)
        assert r.code == 0
        rows = [line.split("\t") for line in r.out.split("\n\n")[0].splitlines()[1:]]
        ids = {re.split(r"[(（]", row[0])[-1].rstrip(")）") for row in rows}
        assert ids == PRODUCTS
    assert "不能按相同毫克数互换" in run("forms", "--lang", "zh").out
    assert "not interchangeable mg for mg" in run("forms").out


@pytest.mark.parametrize(
    ("name", "product"),
    [
        ("advagraf", "prolonged-release-capsules"),
        ("Astagraf XL", "prolonged-release-capsules"),
        ("他克莫司缓释胶囊", "prolonged-release-capsules"),
        ("普乐可复颗粒", "granules"),
        ("普乐可复注射液", "infusion"),
        ("Envarsus", "extended-release-tablets"),
        ("ENVARSUS XR", "extended-release-tablets"),
        ("prograf", "capsules"),
        ("普乐可复", "capsules"),
        ("Modigraf", "granules"),
        ("protopic", "ointment"),
        ("普特彼", "ointment"),
        ("ointment", "ointment"),
        ("Talymus", "eye-suspension"),
    ],
)
def test_brand_and_product_names_resolve(name: str, product: str) -> None:
    r = run("forms", name, "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["product"]["id"] == product


def test_every_systemic_product_says_it_is_not_interchangeable() -> None:
    for product in PRODUCTS:
        out = run("forms", product).out
        assert ("not interchangeable mg for mg" in out) == (product in SYSTEMIC), product


def test_a_product_where_a_condition_is_asked_for_points_to_forms() -> None:
    r = run("show", "Prograf")
    assert r.code == 1
    assert r.out == ""
    assert r.err == "tacref: 'Prograf' is a product, not a condition; tacref forms prograf\n"


def test_a_condition_where_a_product_is_asked_for_points_to_show() -> None:
    r = run("forms", "vitiligo")
    assert r.code == 1
    assert "is a condition, not a product; see 'tacref show vitiligo'" in r.err


def test_an_unknown_product_gets_suggestions_among_products() -> None:
    r = run("forms", "advagrf")
    assert r.code == 1
    assert "no product matches 'advagrf'; did you mean: Advagraf?" in r.err


def test_search_for_a_brand_finds_the_product_and_the_conditions_it_is_used_for() -> None:
    r = run("search", "Protopic", "--json")
    assert r.code == 0
    results = json.loads(r.out)["results"]
    assert results[0]["kind"] == "product"
    assert results[0]["id"] == "ointment"
    conditions = {x["id"] for x in results if x["kind"] == "condition"}
    assert {"atopic-dermatitis", "vitiligo"} <= conditions
    assert "kidney-transplant" not in conditions  # not an ointment use


LABEL_SERIOUS = ("qt", "thrombotic", "red cell aplasia", "pml", "bk", "lymphoprolif", "pres")


def test_kidney_transplant_side_effects_show_the_labels_serious_effects() -> None:
    data = json.loads(run("side-effects", "kidney-transplant", "--json").out)
    rows = data["side_effects"]
    assert {r["form"] for r in rows} == {"systemic"}
    for word in LABEL_SERIOUS:
        found = [
            r for r in rows if word in (r["effect"]["en"] + " " + r["id"]).lower().replace("-", " ")
        ]
        assert found, word
        assert all(r["serious"] for r in found), word
    by_id = {r["id"]: r for r in rows}
    for effect in ("hypertension", "hyperkalaemia"):
        assert by_id[effect]["serious"], effect
    assert by_id["pres"]["frequency"] == "unknown"
    assert by_id["pres"]["urgency"] == "emergency"


def test_side_effects_say_which_form_each_row_describes_and_filter_by_form() -> None:
    both = run("side-effects", "lupus").out
    assert "\tointment\t" in both and "\toral/IV\t" in both
    topical = run("side-effects", "lupus", "--form", "topical").out
    assert "\tointment\t" in topical and "\toral/IV\t" not in topical
    capsule = run("side-effects", "lupus", "--form", "capsule", "--json").out
    assert {r["form"] for r in json.loads(capsule)["side_effects"]} == {"systemic"}


def test_side_effects_of_a_product_are_its_profile() -> None:
    r = run("side-effects", "protopic", "--json")
    assert r.code == 0
    data = json.loads(r.out)
    assert data["kind"] == "product"
    assert {row["form"] for row in data["side_effects"]} == {"topical"}


def test_show_says_where_an_approval_holds() -> None:
    for fmt in ("text", "markdown", "html"):
        out = run("show", "lupus-nephritis", "--format", fmt).out
        assert "approved (Japan)" in out, fmt
    assert "Status: approved (Japan)" in run("show", "lupus-nephritis", "--bilingual").out
    assert "已获批（日本）" in run("show", "lupus-nephritis", "--lang", "zh").out


def _users_lupus_nephritis(tmp_path: Path, side_effects: str) -> Path:
    """A user's copy of the lupus nephritis article with its own side_effects block."""
    data = tmp_path / "mine"
    data.mkdir()
    src = Path(__file__).parents[1] / "data" / "conditions" / "lupus-nephritis.yaml"
    text = src.read_text(encoding="utf-8").replace("id: lupus-nephritis", "id: my-ln")
    before, rest = text.split("\nside_effects:\n", 1)
    after = rest[rest.index("\nrelated:") :]
    (data / "my-ln.yaml").write_text(f"{before}\n{side_effects}{after}", encoding="utf-8")
    return data


def test_an_override_changes_a_row_for_one_condition_and_says_why(tmp_path: Path) -> None:
    data = _users_lupus_nephritis(
        tmp_path,
        "side_effects:\n  overrides:\n    - id: tremor\n      frequency: common\n"
        "      why: {en: lower doses, zh: 剂量较低}\n",
    )
    r = run("side-effects", "my-ln", "--data-dir", str(data))
    assert r.code == 0, r.err
    tremor = next(line for line in r.out.splitlines() if line.startswith("Shaking hands"))
    assert "\tcommon *\t" in tremor
    assert "* Shaking hands (tremor): lower doses" in r.out
    rows = json.loads(run("side-effects", "my-ln", "--json", "--data-dir", str(data)).out)
    row = next(x for x in rows["side_effects"] if x["id"] == "tremor")
    assert (row["frequency"], row["why"]["en"]) == ("common", "lower doses")


def test_an_adverse_effect_article_says_first_that_it_is_not_a_treatment(tmp_path: Path) -> None:
    data = _users_lupus_nephritis(tmp_path, "side_effects:\n  focus: [pres, seizures]\n")
    path = data / "my-ln.yaml"
    text = path.read_text(encoding="utf-8").replace("status: approved", "status: adverse-effect")
    path.write_text(text, encoding="utf-8")
    for lang, words in (
        ("en", "Tacrolimus is not a treatment for this. Lupus nephritis is a known side effect"),
        ("zh", "他克莫司不能治疗此病。狼疮性肾炎是他克莫司已知的不良反应。"),
    ):
        out = run("show", "my-ln", "--lang", lang, "--data-dir", str(data)).out
        assert words in out.splitlines()[3], out[:300]  # right under the title


def test_an_article_can_focus_on_a_few_rows_of_its_profile(tmp_path: Path) -> None:
    data = _users_lupus_nephritis(tmp_path, "side_effects:\n  focus: [pres, seizures]\n")
    r = run("side-effects", "my-ln", "--json", "--data-dir", str(data))
    assert r.code == 0, r.err
    assert [x["id"] for x in json.loads(r.out)["side_effects"]] == ["pres", "seizures"]


@pytest.mark.parametrize(
    ("block", "message"),
    [
        (
            "  overrides:\n    - id: no-such-row\n      frequency: rare\n"
            "      why: {en: x, zh: x}\n",
            "side_effects.overrides[0].id: no side effect 'no-such-row' in the profiles of",
        ),
        (
            "  overrides:\n    - id: tremor\n      frequency: rare\n",
            "'why' is a required property",
        ),
        (
            "  focus: [pres, application-site-burning]\n",
            "side_effects.focus[1]: no side effect 'application-site-burning' in the profiles of",
        ),
    ],
)
def test_a_bad_override_is_a_problem_with_its_line(
    tmp_path: Path, block: str, message: str
) -> None:
    data = _users_lupus_nephritis(tmp_path, "side_effects:\n" + block)
    r = run("validate", str(data))
    assert r.code == 1
    assert message in r.out, r.out
    assert "my-ln.yaml:" in r.out


def test_the_same_effect_agrees_across_articles() -> None:
    """Rows come from one profile; an article's own rows with the same id agree."""
    seen: dict[str, tuple[str, bool]] = {}
    for line in run("list").out.splitlines()[1:]:
        article = line.split("\t")[0]
        rows = json.loads(run("side-effects", article, "--json").out)["side_effects"]
        for row in rows:
            if row["why"]:  # a condition-specific change, with its reason
                continue
            key = (row["form"], row["id"])
            value = (row["frequency"], row["serious"])
            assert seen.setdefault(key, value) == value, (article, key)


def test_a_users_data_dir_may_bring_its_own_products(tmp_path: Path) -> None:
    bundled = Path(__file__).parents[1] / "data"
    forms = tmp_path / "mine" / "forms"
    forms.mkdir(parents=True)
    text = (bundled / "forms" / "granules.yaml").read_text(encoding="utf-8")
    shutil.copy(bundled / "forms" / "granules.yaml", forms / "granules.yaml")
    (forms / "granules.yaml").write_text(
        text.replace("Modigraf", "Modigraf-Test"), encoding="utf-8"
    )
    r = run("forms", "modigraf-test", "--json", "--data-dir", str(tmp_path / "mine"))
    assert r.code == 0, r.err
    assert json.loads(r.out)["product"]["id"] == "granules"
