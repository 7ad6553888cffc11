"""The stacked model (two linear layers): scored with NumPy as scikit-learn scores it, saved
and read back to the same scores, chosen by CV in `eventcoder train`, refused with its place
when its files are forged; one-layer models of format 2 still load."""
from __future__ import annotations

import json
import shutil

import numpy as np
import pandas as pd
import pytest

from eventcoder import Engine, InputError
from eventcoder.learn.estimator import build_estimator, build_stacker, frame
from eventcoder.learn.portable import LinearScorer, StackedScorer, stack_rows
from eventcoder.learn.samples import Sample
from eventcoder.learn.store import MANIFEST_FILE, load_model, read_manifest, save, sha256
from eventcoder.learn.train import STACK_FLOOR, train
from eventcoder.learn.trained import TrainedModel
from train_data import TEXTS, libraries_imported_when_coding, write_gold

UNSEEN = [Sample(0, "Gunmen and police traded fire outside Sukkur.", {"cue=fire": 1}, None),
          Sample(0, "entirely unseen words here", {"rule_label=Armed clash": 1}, None),
          Sample(0, "A march by doctors in Hyderabad.", {}, None)]


def samples() -> list[Sample]:
    return [Sample(number, text, {f"cue={len(text) % 4}": 1, f"rule_label={key[0]}": 1
                                  if number % 3 else 0}, key[0])
            for number, (key, texts) in enumerate(TEXTS.items()) if key
            for text in texts]


@pytest.fixture(scope="module")
def fitted():
    """The two layers fitted with scikit-learn, and the stacked scorer made of them."""
    train = samples()
    labels = [s.label for s in train]
    text = build_estimator(use_rules=False).fit(frame(train), labels)
    rows = stack_rows(np.maximum(text.decision_function(frame(train)), STACK_FLOOR),
                      [str(c) for c in text.classes_], [s.rules for s in train])
    stack = build_stacker().fit(pd.DataFrame({"rules": rows}), labels)
    scorer = StackedScorer(LinearScorer.from_pipeline(text), LinearScorer.from_pipeline(stack),
                           STACK_FLOOR)
    return text, stack, scorer


def test_numpy_scores_both_layers_as_scikit_learn_does(fitted):
    text, stack, scorer = fitted
    data = frame(samples() + UNSEEN)
    rows = stack_rows(np.maximum(text.decision_function(data), STACK_FLOOR),
                      [str(c) for c in text.classes_], list(data["rules"]))
    expected = stack.decision_function(pd.DataFrame({"rules": rows}))
    found = scorer.scores(data)
    assert scorer.classes_ == [str(c) for c in stack.classes_]
    assert np.allclose(found, expected, atol=1e-5)
    softmax = np.exp(found - found.max(axis=1, keepdims=True))
    assert np.allclose(softmax / softmax.sum(axis=1, keepdims=True),
                       stack.predict_proba(pd.DataFrame({"rules": rows})), atol=1e-5)


@pytest.fixture(scope="module")
def trained(tmp_path_factory, nlp):
    folder = tmp_path_factory.mktemp("stack")
    engine = Engine(["acled"], nlp=nlp, strict=False)
    return train([write_gold(folder / "coded.jsonl")], "acled", folder / "model", folds=3,
                 engine=engine)


@pytest.fixture(scope="module")
def stacked_folder(trained, fitted, tmp_path_factory):
    """The fitted stacked scorer saved with the trained model's manifest."""
    manifest = read_manifest(trained.directory)
    return save(tmp_path_factory.mktemp("stacked") / "model", fitted[2], manifest, {})


def test_the_saved_stacked_model_scores_as_the_fitted_one(stacked_folder, fitted):
    manifest = json.loads((stacked_folder / MANIFEST_FILE).read_text())
    assert manifest["format_version"] == 3
    loaded = load_model(stacked_folder, manifest)
    assert isinstance(loaded, StackedScorer) and loaded.floor == STACK_FLOOR
    data = frame(samples() + UNSEEN)
    assert loaded.classes_ == fitted[2].classes_
    assert np.allclose(loaded.scores(data), fitted[2].scores(data), atol=1e-5)
    assert loaded.coverage("soldiers clashed") == fitted[2].coverage("soldiers clashed")


def test_coding_with_a_stacked_model(stacked_folder, nlp):
    engine = Engine(["acled"], nlp=nlp, trained=stacked_folder)
    events = engine.code_texts(["Soldiers and militants exchanged fire near Turbat on "
                                "Sunday, killing two soldiers."], date="2024-05-05")
    assert events
    for event in events:
        decision = event["cite_info"]["trained"]
        assert decision["label"] == event["sub_event_type"]
        assert 0.0 <= decision["probability"] <= 1.0


def test_coding_with_a_stacked_model_imports_no_scikit_learn(stacked_folder):
    assert libraries_imported_when_coding(stacked_folder) == []


def test_train_chooses_the_layers_by_cv_and_says_so(trained, nlp):
    layers = trained.manifest["layers"]
    accuracy = layers["hybrid_accuracy"]
    assert layers["chosen"] == (2 if accuracy["stacked"] > accuracy["one"] else 1)
    assert "Model chosen by CV" in trained.report_text
    loaded = TrainedModel.load(trained.directory, Engine(["acled"], nlp=nlp).codebooks)
    assert isinstance(loaded.model, StackedScorer) == (layers["chosen"] == 2)


def forge(folder, tmp_path, spec_change=None, array_change=None):
    copy = shutil.copytree(folder, tmp_path / "forged")
    manifest = json.loads((copy / MANIFEST_FILE).read_text())
    if spec_change:
        spec = json.loads((copy / "model.json").read_text())
        spec_change(spec)
        (copy / "model.json").write_text(json.dumps(spec))
    if array_change:
        with np.load(copy / "model.npz") as stored:
            arrays = {name: stored[name] for name in stored.files}
        array_change(arrays)
        np.savez(copy / "model.npz", **arrays)
    manifest["model_sha256"] = {name: sha256(copy / name) for name in ("model.json",
                                                                       "model.npz")}
    (copy / MANIFEST_FILE).write_text(json.dumps(manifest))
    return copy


@pytest.mark.parametrize("spec_change, array_change, message", [
    (lambda s: s["stack"].pop("floor"), None, r"stack.*floor"),
    (lambda s: s["stack"].update(floor="low"), None, r"stack\.floor"),
    (lambda s: s["stack"]["blocks"][0]["terms"].insert(2, 7),
     None, r"stack\.blocks\[0\]\.terms\[2\]: .*expected string"),
    (lambda s: s["stack"]["blocks"][0].update(kind="tfidf"), None,
     r"stack\.blocks\[0\].*settings"),
    (lambda s: s["stack"]["classes"].append("Parade"), None, r"'stack\.coef'.*shape"),
    (None, lambda a: a.pop("stack.intercept"), r"'stack\.intercept' missing"),
    (None, lambda a: a.update({"stack.coef": a["stack.coef"][:-1]}), r"'stack\.coef'"),
])
def test_a_forged_stacked_model_is_refused_with_its_place(stacked_folder, nlp, tmp_path,
                                                          spec_change, array_change, message):
    folder = forge(stacked_folder, tmp_path, spec_change, array_change)
    with pytest.raises(InputError, match=message):
        Engine(["acled"], nlp=nlp, trained=folder)


def test_a_one_layer_model_of_format_2_still_loads(trained, fitted, tmp_path, nlp):
    one = fitted[2].text
    folder = save(tmp_path / "one", one, read_manifest(trained.directory), {})
    manifest = json.loads((folder / MANIFEST_FILE).read_text())
    manifest["format_version"] = 2
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest))
    loaded = TrainedModel.load(folder, Engine(["acled"], nlp=nlp).codebooks)
    data = frame(UNSEEN)
    assert isinstance(loaded.model, LinearScorer)
    assert np.allclose(loaded.model.scores(data), one.scores(data))
