"""The generated schema validators (src/tacref/validators, scripts/validators.py): each
matches its schema file, is the one a build uses, and a schema that no longer matches
is compiled instead of trusted."""

import importlib.util
import json
import shutil
import sys
from pathlib import Path

import pytest

from tacref import validate
from tacref.loader import Document

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = sorted((ROOT / "data").glob("*.schema.json"))


def _script():
    spec = importlib.util.spec_from_file_location(
        "validators_script", ROOT / "scripts/validators.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda p: p.name)
def test_each_generated_module_is_what_its_schema_generates(schema: Path) -> None:
    """A schema changed without running scripts/validators.py fails here."""
    script = _script()
    module = ROOT / "src/tacref/validators" / f"{script.module_name(schema)}.py"
    assert module.exists(), f"run: {sys.executable} scripts/validators.py"
    assert module.read_text("utf-8") == script.generated(schema), (
        f"{module.name} is stale: run scripts/validators.py"
    )


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda p: p.name)
def test_the_bundled_schemas_use_the_generated_code(schema: Path) -> None:
    validate._fast_validator.cache_clear()
    found = validate._fast_validator(schema)
    assert found.__module__ == f"tacref.validators.{schema.name.removesuffix('.schema.json')}"


def test_an_edited_schema_is_compiled_not_trusted(tmp_path: Path) -> None:
    """A schema of the same name that differs (a user's edited copy) gets its own
    validator: the generated one would accept what it refuses."""
    for schema in SCHEMAS:
        shutil.copy(schema, tmp_path)
    edited = tmp_path / "notes.schema.json"
    data = json.loads(edited.read_text("utf-8"))
    data["maxProperties"] = 1
    edited.write_text(json.dumps(data), "utf-8")
    validate._fast_validator.cache_clear()
    assert validate._fast_validator(edited).__module__ != "tacref.validators.notes"
    text = "en: Call the clinic.\nzh: 请致电诊所。\n"
    doc = Document(
        tmp_path / "x.notes.yaml", {"en": "Call the clinic.", "zh": "请致电诊所。"}, text
    )
    _, problems = validate.check_notes(doc, edited)
    assert problems, "the edited schema's rule was not applied"
    _, problems = validate.check_notes(doc, ROOT / "data/notes.schema.json")
    assert problems == []
    validate._fast_validator.cache_clear()
