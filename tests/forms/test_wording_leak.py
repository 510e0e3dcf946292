"""The reading benchmark's held-out wordings stay out of what the product is tuned on.

A word printed in some held-out wording (bench/reading/wordings.yaml) and in no development
wording must appear neither in the form schemas nor the label vocabulary
(resources/forms/*.yaml, every key and value) nor in the forms tests and their generator
(tests/forms/: string literals of Python files, every key and value of YAML files, the whole
of other text files). Prose about the code or the file (comments, docstrings) is never
printed on a form and is not scanned.
Canonical field, option and form-type names (the answer key, e.g. `filed_by`) are not
wordings and are skipped. A string literal on a line marked `leak-check: not a label`
(a command name, a printed instruction) is skipped too; each such mark says why.
This file never spells a held-out word: it reads them from the wordings file.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
from functools import cache
from pathlib import Path

import yaml

from bench.reading.wordings import WORDINGS_FILE, all_wordings, fold, held_out_only_words, words
from tests.support.rules import BUNDLED_RULES

ROOT = Path(__file__).resolve().parents[2]
MARK = "leak-check: not a label"
# sha256 of the held-out half (canonical JSON); it changes only if a wording is moved
HELD_OUT_SHA256 = "a08989bdd22df0987b9c8954fcbd60ed55936eb2a3a86bd32b1c4a40ce3ae298"


@cache
def _identifiers() -> re.Pattern[str]:
    names = set()
    for schema in BUNDLED_RULES.schemas.values():
        names.add(schema.form_type)
        for spec in schema.fields:
            names.add(spec.name)
            names.update(value for value, _ in spec.options)
    joined = "|".join(sorted((re.escape(n) for n in names if "_" in n), key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9])({joined})(?![a-z0-9])")


def _python_strings(text: str) -> str:
    """String literals of a Python file: not docstrings (prose about the code, never printed
    on a form) and not those on a line marked as not a label."""
    lines = text.splitlines()
    marked = {i + 1 for i, line in enumerate(lines) if MARK in line}
    tree = ast.parse(text)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef,
                                       ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and id(node) not in docstrings):
            span = set(range(node.lineno, (node.end_lineno or node.lineno) + 1))
            if not span & marked:
                found.append(node.value)
    return "\n".join(found)


def _yaml_strings(node: object) -> str:
    """Every key and value of a YAML document, one a line (comments are not data)."""
    if isinstance(node, dict):
        return "\n".join(f"{k}\n{_yaml_strings(v)}" for k, v in node.items())
    if isinstance(node, list):
        return "\n".join(_yaml_strings(v) for v in node)
    return "" if node is None else str(node)


def _scanned() -> list[tuple[Path, str]]:
    files = sorted((ROOT / "resources" / "forms").glob("*.yaml"))
    files += sorted(p for p in (ROOT / "tests" / "forms").rglob("*")
                    if p.is_file() and p.resolve() != Path(__file__).resolve()
                    and "__pycache__" not in p.parts)
    texts = []
    for path in files:
        try:
            text = path.read_text("utf-8")
        except UnicodeDecodeError:
            continue  # images and PDFs carry no wordings we wrote
        if path.suffix == ".py":
            text = _python_strings(text)
        elif path.suffix in (".yaml", ".yml"):
            text = _yaml_strings(yaml.safe_load(text))
        texts.append((path, text))
    return texts


def test_no_held_out_word_in_schemas_vocabulary_or_forms_tests() -> None:
    leaked = held_out_only_words()
    assert leaked, "the held-out half adds no word of its own: the split is broken"
    found = []
    for path, text in _scanned():
        for word in sorted(words(_identifiers().sub(" ", fold(text))) & leaked):
            found.append(f"{path.relative_to(ROOT)}: {word}")
    assert found == [], "held-out words leaked:\n" + "\n".join(found)


def _held_out_digest() -> str:
    data = yaml.safe_load(WORDINGS_FILE.read_text("utf-8"))

    def halves(node: object) -> object:
        if isinstance(node, dict):
            return {k: halves(v) for k, v in sorted(node.items())
                    if k.startswith("held_out") or isinstance(v, dict)}
        return node
    return hashlib.sha256(json.dumps(halves(data), sort_keys=True).encode()).hexdigest()


def test_the_split_is_frozen() -> None:
    assert _held_out_digest() == HELD_OUT_SHA256, (
        "bench/reading/wordings.yaml changed its held-out half: the split is frozen")


def test_the_halves_are_disjoint_and_wide() -> None:
    development, held_out = all_wordings("development"), all_wordings("held_out")
    assert len(held_out) >= 300 and len(development) >= 300
    data = yaml.safe_load(WORDINGS_FILE.read_text("utf-8"))
    for name, pools in data["fields"].items():
        assert not set(pools["development"]) & set(pools["held_out"]), name
        assert len(pools["development"]) >= 6 and len(pools["held_out"]) >= 6, name
