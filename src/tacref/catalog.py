"""Gather the articles of one or more data directories and check them together."""

from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from tacref.errors import Problem
from tacref.model import Article
from tacref.names import normalize


class DataDir(NamedTuple):
    """A directory of ``*.yaml`` articles; later directories override earlier ones."""

    path: Path
    origin: str  # "bundled", "--data-dir", "TACREF_DATA_DIR", or a path given to validate

    def files(self) -> list[Path]:
        return sorted(p for p in self.path.glob("*.yaml") if p.is_file())


class Catalog(NamedTuple):
    articles: dict[str, Article]
    problems: list[Problem]


def build(dirs: Iterable[DataDir], schema_path: Path) -> Catalog:
    """Load every file; invalid files are skipped and reported, never fatal."""
    from tacref import loader, validate

    catalog = Catalog({}, [])
    origin_of: dict[str, Path] = {}
    for data_dir in dirs:
        for path in data_dir.files():
            try:
                doc = loader.load(path)
            except loader.LoadError as exc:
                catalog.problems.append(exc.problem)
                continue
            article, problems = validate.check(doc, schema_path)
            catalog.problems.extend(problems)
            if article is not None:
                catalog.articles[article.id] = article
                origin_of[article.id] = path
    catalog.problems.extend(_cross_checks(catalog.articles, origin_of))
    return catalog


def _cross_checks(articles: dict[str, Article], origin_of: dict[str, Path]) -> list[Problem]:
    problems = []
    owner: dict[str, str] = {}
    for article in articles.values():
        path = origin_of[article.id]
        keys = {normalize(n) for n in (article.id, *article.names.values(), *article.aliases)}
        for key in sorted(keys):
            other = owner.setdefault(key, article.id)
            if other != article.id:
                problems.append(
                    Problem(path, 0, f"name or alias {key!r} is also used by {other!r}")
                )
        for r in article.related:
            if r.id not in articles:
                problems.append(Problem(path, 0, f"related id {r.id!r} does not exist"))
    return problems
