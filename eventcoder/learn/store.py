"""A trained model on disk: ``model.json`` (its categories, vocabularies and settings, checked
against ``trained-model.schema.json``) and ``model.npz`` (its weights, NumPy arrays read
without pickle) — plain data, nothing in the folder is run when it is loaded —
``manifest.json`` (what it was trained for and on, the SHA-256 of both model files) and the
CV report.

The folder is written beside its final place and renamed into it only when complete.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from importlib.metadata import version
from pathlib import Path

import numpy as np

from ..errors import InputError, Problem
from ..validation import collect, load_schema
from .portable import LinearScorer, StackedScorer, load_scorer

MODEL_FILES = ("model.json", "model.npz")
MANIFEST_FILE = "manifest.json"
FORMAT = "eventcoder-trained-model"
FORMAT_VERSION = 3  # 3: a second (stacked) layer may be in model.json / model.npz
READABLE_VERSIONS = (2, 3)  # 2: one layer, the same files


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def compatible_versions() -> dict[str, str]:
    """The library version a model must be loaded with (major.minor). Not scikit-learn's:
    coding scores a model with NumPy alone (:mod:`.portable`)."""
    return {"eventcoder": ".".join(version("eventcoder").split(".")[:2])}


def save(directory: str | Path, model: LinearScorer | StackedScorer, manifest: dict,
         files: dict[str, str]) -> Path:
    """Write the model, its manifest and text files (name -> content) into ``directory``
    atomically: a failure leaves any earlier model there untouched."""
    target = Path(directory)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        spec, arrays = model.to_data()
        (work / MODEL_FILES[0]).write_text(json.dumps(spec, ensure_ascii=False),
                                           encoding="utf-8")
        np.savez_compressed(work / MODEL_FILES[1], **arrays)
        manifest = {**manifest, "format": FORMAT, "format_version": FORMAT_VERSION,
                    "versions": compatible_versions(),
                    "model_sha256": {name: sha256(work / name) for name in MODEL_FILES}}
        for name, content in {**files, MANIFEST_FILE: json.dumps(
                manifest, indent=1, ensure_ascii=False) + "\n"}.items():
            (work / name).write_text(content, encoding="utf-8")
        old = None
        if target.exists():
            old = target.with_name(f".{target.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(target, old)
        os.replace(work, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return target


def read_manifest(directory: str | Path) -> dict:
    """The manifest of a trained model folder, checked for format and library versions."""
    path = Path(directory) / MANIFEST_FILE
    if not path.is_file():
        raise InputError(Problem("not a trained model: no manifest.json (make one with "
                                 "`eventcoder train`)", file=str(directory)))
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise InputError(Problem(f"unreadable manifest: {err}", file=str(path))) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InputError(Problem(f"not an eventcoder trained model (format is not {FORMAT!r})",
                                 file=str(path), field="format"))
    if manifest.get("format_version") not in READABLE_VERSIONS:
        raise InputError(Problem(f"model format {manifest.get('format_version')!r}; this "
                                 f"eventcoder reads formats "
                                 f"{', '.join(map(str, READABLE_VERSIONS))}: retrain it",
                                 file=str(path), field="format_version"))
    made_with, here = manifest.get("versions") or {}, compatible_versions()
    for name, wanted in here.items():
        if made_with.get(name) != wanted:
            raise InputError(Problem(
                f"trained with {name} {made_with.get(name)}, this is {name} {wanted}: "
                "retrain the model with `eventcoder train` (models are not portable across "
                "versions)", file=str(path), field=f"versions.{name}"))
    return manifest


def load_model(directory: str | Path, manifest: dict) -> LinearScorer | StackedScorer:
    """The model, after checking both files against the manifest's hashes and the
    description against its schema; any fault is an :class:`InputError` naming the file."""
    directory = Path(directory)
    hashes = manifest.get("model_sha256") or {}
    for name in MODEL_FILES:
        path = directory / name
        if not path.is_file():
            raise InputError(Problem("model file missing", file=str(path)))
        if not isinstance(hashes, dict) or sha256(path) != hashes.get(name):
            raise InputError(Problem("model file does not match its manifest (changed or "
                                     "damaged)", file=str(path), field="model_sha256"))
    spec_path, arrays_path = (directory / name for name in MODEL_FILES)
    try:
        spec = json.loads(spec_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(Problem(f"unreadable model file: {err}", file=str(spec_path))
                         ) from None
    problems = collect(_schema(), _without_terms(spec), file=str(spec_path)) or [
        Problem(f"{term!r}: expected string", file=str(spec_path),
                field=f"{where}blocks[{number}].terms[{place}]")
        for where, layer in (("", spec), ("stack.", spec.get("stack") or {"blocks": []}))
        for number, block in enumerate(layer["blocks"])
        for place, term in enumerate(block["terms"]) if not isinstance(term, str)]
    if problems:
        raise InputError(problems)
    try:
        with np.load(arrays_path, allow_pickle=False) as stored:
            arrays = {name: stored[name] for name in stored.files}
        return load_scorer(spec, arrays)
    except (OSError, ValueError, zipfile.BadZipFile) as err:
        raise InputError(Problem(f"unreadable model: {err}", file=str(arrays_path))) from None


def _without_terms(spec):
    """The description (and its stacked layer's) with each block's terms left empty: the
    schema checks its shape; the tens of thousands of terms are checked to be strings apart
    (a JSON Schema validator takes most of a second over them, several times loading the
    rest of the model)."""
    blocks = spec.get("blocks") if isinstance(spec, dict) else None
    if not isinstance(blocks, list):
        return spec
    out = {**spec, "blocks": [{**block, "terms": []} if isinstance(block, dict) and
                              isinstance(block.get("terms"), list) else block
                              for block in blocks]}
    if isinstance(spec.get("stack"), dict):
        out["stack"] = _without_terms(spec["stack"])
    return out


def _schema():
    from jsonschema import Draft202012Validator
    return Draft202012Validator(load_schema("trained-model.schema.json"))
