"""Write a synthetic dataset of N bilingual articles, for benchmarks only.

Each article is a bundled article with a new id, names and aliases, and every
text field varied a little, so sizes and shapes are realistic (both languages,
all sections, side effects, related links to other synthetic articles).

    python benchmarks/make_dataset.py 10000 /tmp/tacref-10k
"""

import argparse
import random
import shutil
from pathlib import Path

import yaml

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "conditions"
WORDS = [
    "alpha",
    "beta",
    "gamma",
    "delta",
    "epsilon",
    "zeta",
    "theta",
    "kappa",
    "lambda",
    "sigma",
    "omega",
]
HANZI = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"


def templates() -> list[dict]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    out = []
    for path in sorted(BUNDLED.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        for key in ("reviewed", "review_due"):  # YAML reads an unquoted date as a date
            if key in data:
                data[key] = str(data[key])
        out.append(data)
    return out


def vary(text: str, rng: random.Random, tag: str) -> str:
    return f"{text} ({tag} {rng.choice(WORDS)})"


def article(template: dict, n: int, total: int, rng: random.Random) -> dict:
    ident = f"synthetic-{n:05d}"
    tag_en = f"{rng.choice(WORDS)} {n}"
    tag_zh = "".join(rng.choice(HANZI) for _ in range(3)) + str(n)
    data = dict(template)
    data["id"] = ident
    data["names"] = {"en": f"Synthetic condition {tag_en}", "zh": f"合成疾病{tag_zh}"}
    data["aliases"] = [f"syn{n}", f"合成{n}"]
    data["related"] = [
        {
            "id": f"synthetic-{(n + k) % total:05d}",
            "why": {"en": "Synthetic link.", "zh": "合成关联。"},
        }
        for k in (1, 2, 3)
        if (n + k) % total != n
    ]
    data["text"] = {
        lang: {
            **{
                k: vary(v, rng, tag_en if lang == "en" else tag_zh)
                for k, v in t.items()
                if k != "faq"
            },
            "faq": t["faq"],
        }
        for lang, t in template["text"].items()
    }
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    rng = random.Random(20261125)
    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    base = templates()
    for n in range(args.count):
        data = article(base[n % len(base)], n, args.count, rng)
        text = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)
        (args.out / f"{data['id']}.yaml").write_text(text, encoding="utf-8")
    print(f"wrote {args.count} articles to {args.out}")


if __name__ == "__main__":
    main()
