"""A trained model on disk: ``model.skops`` (scikit-learn objects in skops' inspectable
format, loaded only when every type in it is on an explicit list — never an unrestricted
pickle), ``manifest.json`` (what it was trained for and on) and the CV report.

The folder is written beside its final place and renamed into it only when complete.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem

MODEL_FILE = "model.skops"
MANIFEST_FILE = "manifest.json"
FORMAT = "eventcoder-trained-model"
FORMAT_VERSION = 1
# The types a trained model may hold. skops builds scikit-learn's estimators and plain NumPy
# and SciPy containers without being told; any other type it reports as untrusted must be on
# this list, or the model is not loaded (skops versions differ in what they report).
TRUSTED_TYPES = frozenset({
    "builtins.dict", "builtins.list", "builtins.slice", "builtins.tuple",
    "numpy.dtype", "numpy.ndarray", "numpy.float64", "numpy.int64", "numpy.str_",
    "scipy.sparse._csr.csr_matrix", "scipy.sparse._csr.csr_array",
    "sklearn.compose._column_transformer.ColumnTransformer",
    "sklearn.feature_extraction._dict_vectorizer.DictVectorizer",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.pipeline.Pipeline", "sklearn.svm._classes.LinearSVC",
    "sklearn.utils._bunch.Bunch",
})


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def compatible_versions() -> dict[str, str]:
    """The library versions a model must be loaded with (major.minor)."""
    return {name: ".".join(version(name).split(".")[:2])
            for name in ("eventcoder", "scikit-learn", "skops")}


def save(directory: str | Path, model: Any, manifest: dict, files: dict[str, str]) -> Path:
    """Write the model, its manifest and text files (name -> content) into ``directory``
    atomically: a failure leaves any earlier model there untouched."""
    import skops.io as sio
    target = Path(directory)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        sio.dump(model, work / MODEL_FILE)
        manifest = {**manifest, "format": FORMAT, "format_version": FORMAT_VERSION,
                    "versions": compatible_versions(), "model_file": MODEL_FILE,
                    "model_sha256": sha256(work / MODEL_FILE)}
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
    if manifest.get("format_version") != FORMAT_VERSION:
        raise InputError(Problem(f"model format {manifest.get('format_version')!r}; this "
                                 f"eventcoder reads format {FORMAT_VERSION}: retrain it",
                                 file=str(path), field="format_version"))
    made_with, here = manifest.get("versions") or {}, compatible_versions()
    for name, wanted in here.items():
        if made_with.get(name) != wanted:
            raise InputError(Problem(
                f"trained with {name} {made_with.get(name)}, this is {name} {wanted}: "
                "retrain the model with `eventcoder train` (models are not portable across "
                "versions)", file=str(path), field=f"versions.{name}"))
    return manifest


def load_model(directory: str | Path, manifest: dict) -> Any:
    """The estimator, after checking its hash and that it holds only trusted types."""
    import skops.io as sio
    path = Path(directory) / MODEL_FILE
    if not path.is_file():
        raise InputError(Problem("model file missing", file=str(path)))
    if sha256(path) != manifest.get("model_sha256"):
        raise InputError(Problem("model file does not match its manifest (changed or "
                                 "damaged)", file=str(path), field="model_sha256"))
    try:
        found = sio.get_untrusted_types(file=path)
    except Exception as err:  # noqa: BLE001 - any failure to read it is a bad file
        raise InputError(Problem(f"unreadable model file: {err}", file=str(path))) from None
    refused = sorted(set(found) - TRUSTED_TYPES)
    if refused:
        raise InputError(Problem("model file holds types eventcoder does not load: "
                                 + ", ".join(refused), file=str(path)))
    return sio.load(path, trusted=list(found))
