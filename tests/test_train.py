"""eventcoder train: the model folder, its manifest, the safe load, and coding with it."""
from __future__ import annotations

import json

import numpy as np
import pytest

from eventcoder import Engine, InputError
from eventcoder.learn.store import MANIFEST_FILE, MODEL_FILES, sha256
from eventcoder.learn.targets import NO_EVENT
from eventcoder.learn.train import REPORT_JSON, REPORT_TEXT, train
from eventcoder.learn.trained import TrainedModel
from train_data import libraries_imported_when_coding, write_gold


@pytest.fixture(scope="module")
def trained(tmp_path_factory, nlp):
    """A model trained once on the test texts (and its data file)."""
    folder = tmp_path_factory.mktemp("train")
    data = write_gold(folder / "coded.jsonl")
    engine = Engine(["acled"], nlp=nlp, strict=False)
    result = train([data], "acled", folder / "model", folds=3, engine=engine)
    return result, data


def copy_model(trained, tmp_path):
    import shutil
    return shutil.copytree(trained[0].directory, tmp_path / "copy")


def test_the_folder_holds_model_manifest_and_report(trained):
    result, data = trained
    names = {p.name for p in result.directory.iterdir()}
    assert names == {*MODEL_FILES, MANIFEST_FILE, REPORT_JSON, REPORT_TEXT}
    manifest = json.loads((result.directory / MANIFEST_FILE).read_text())
    assert manifest["codebook"] == {"id": "acled", "version": "2024"}
    assert manifest["versions"]["eventcoder"]
    assert manifest["data"] == [{"file": data.name, "sha256": sha256(data), "records": 30}]
    assert NO_EVENT in manifest["labels"] and "Armed clash" in manifest["labels"]
    assert manifest["no_event"] is True
    for coder in ("rules", "model", "hybrid"):
        assert 0.0 <= manifest["cv"][coder]["accuracy"] <= 1.0
    report = json.loads((result.directory / REPORT_JSON).read_text())
    assert set(report["hybrid"]["per_label_f1"]) == set(manifest["labels"])
    assert "| hybrid |" in result.report_text


def test_coding_with_the_model_records_its_decision(trained, nlp):
    engine = Engine(["acled"], nlp=nlp, trained=trained[0].directory)
    events = engine.code_texts(["Soldiers and militants exchanged fire near Turbat on "
                                "Sunday, killing two soldiers."], date="2024-05-05")
    assert events
    for event in events:
        decision = event["cite_info"]["trained"]
        assert decision["model"] == "model"
        assert decision["decided_by"] in ("model", "rules")
        assert 0.0 <= decision["probability"] <= 1.0
        assert decision["label"] == event["sub_event_type"]


def test_a_model_for_another_codebook_is_refused(trained, nlp):
    with pytest.raises(InputError, match="trained for codebook 'acled'"):
        Engine(["cameo"], nlp=nlp, trained=trained[0].directory)


@pytest.mark.parametrize("field, value, message", [
    ("versions", {"eventcoder": "0.0", "scikit-learn": "0.1"},
     "versions.eventcoder"),
    ("codebook", {"id": "acled", "version": "1999"}, "codebook.version"),
    ("format_version", 99, "format_version"),
])
def test_an_incompatible_model_is_refused(trained, nlp, tmp_path, field, value, message):
    folder = copy_model(trained, tmp_path)
    manifest = json.loads((folder / MANIFEST_FILE).read_text())
    manifest[field] = value
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest))
    with pytest.raises(InputError, match=message):
        Engine(["acled"], nlp=nlp, trained=folder)


@pytest.mark.parametrize("name", MODEL_FILES)
def test_a_changed_model_file_is_refused(trained, nlp, tmp_path, name):
    folder = copy_model(trained, tmp_path)
    with open(folder / name, "ab") as handle:
        handle.write(b"\0")
    with pytest.raises(InputError, match=f"{name}.*does not match its manifest"):
        Engine(["acled"], nlp=nlp, trained=folder)


def rewrite(folder, name: str, content: bytes) -> None:
    """Replace one model file and make the manifest vouch for it (a forged folder)."""
    (folder / name).write_bytes(content)
    manifest = json.loads((folder / MANIFEST_FILE).read_text())
    manifest["model_sha256"][name] = sha256(folder / name)
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest))


@pytest.mark.parametrize("change, message", [
    (lambda spec: spec["blocks"][0]["settings"].update(analyzer="callable"),
     r"blocks\[0\]\.settings\.analyzer"),
    (lambda spec: spec["blocks"][0]["settings"].update(tokenizer="os.system"),
     r"blocks\[0\]\.settings.*tokenizer"),
    (lambda spec: spec["blocks"][0]["terms"].pop(), "idf.words"),
    (lambda spec: spec["blocks"][1]["terms"].insert(3, {"run": "code"}),
     r"blocks\[1\]\.terms\[3\]: .*expected string"),
    (lambda spec: spec["blocks"][0].update(terms="all"), r"blocks\[0\]\.terms"),
    (lambda spec: spec["classes"].append("Parade"), "coef"),
])
def test_a_forged_description_is_refused_with_its_place(trained, nlp, tmp_path, change,
                                                        message):
    folder = copy_model(trained, tmp_path)
    spec = json.loads((folder / "model.json").read_text())
    change(spec)
    rewrite(folder, "model.json", json.dumps(spec).encode())
    with pytest.raises(InputError, match=message):
        Engine(["acled"], nlp=nlp, trained=folder)


def test_arrays_that_need_pickle_are_not_loaded(trained, nlp, tmp_path):
    folder = copy_model(trained, tmp_path)
    with np.load(folder / "model.npz") as stored:
        arrays = {name: stored[name] for name in stored.files}
    arrays["coef"] = np.array([{"x": 1}], dtype=object)
    np.savez(folder / "forged.npz", **arrays)
    rewrite(folder, "model.npz", (folder / "forged.npz").read_bytes())
    with pytest.raises(InputError, match="model.npz.*pickle"):
        Engine(["acled"], nlp=nlp, trained=folder)


def test_a_damaged_arrays_file_is_refused(trained, nlp, tmp_path):
    folder = copy_model(trained, tmp_path)
    rewrite(folder, "model.npz", b"PK not a zip")
    with pytest.raises(InputError, match="model.npz: unreadable model"):
        Engine(["acled"], nlp=nlp, trained=folder)


def test_the_loaded_model_scores_as_the_trained_one(trained, nlp):
    """Written and read back, the model gives the scores of the model that was fitted."""
    from eventcoder.learn.estimator import build_estimator, frame
    from eventcoder.learn.portable import LinearScorer
    from eventcoder.learn.samples import Sample
    from train_data import TEXTS
    samples = [Sample(0, text, {"rules=none": 1, f"cue={len(text) % 3}": 1}, key[0])
               for key, texts in TEXTS.items() if key for text in texts]
    fitted = LinearScorer.from_pipeline(
        build_estimator().fit(frame(samples), [s.label for s in samples]))
    spec, arrays = fitted.to_data()
    loaded = LinearScorer.from_data(json.loads(json.dumps(spec)), arrays)
    data = frame(samples + [Sample(0, "unseen words entirely", {"cue=9": 1}, None)])
    assert loaded.classes_ == fitted.classes_
    assert np.allclose(loaded.scores(data), fitted.scores(data), atol=1e-5)


def test_a_folder_without_a_manifest_is_not_a_model(tmp_path, nlp):
    with pytest.raises(InputError, match="no manifest.json"):
        Engine(["acled"], nlp=nlp, trained=tmp_path)


def test_malformed_training_data_gives_located_errors_and_no_model(tmp_path, nlp):
    from train_data import records
    rows = records()
    rows[2]["events"][0]["sub_event_type"] = "Parade"
    rows[5]["events"] = []  # no events and no expect_no_event
    data = write_gold(tmp_path / "bad.jsonl", rows)
    with data.open("a") as handle:
        handle.write("{not json\n")
    with pytest.raises(InputError) as caught:
        train([data], "acled", tmp_path / "model", engine=Engine(["acled"], nlp=nlp))
    text = str(caught.value)
    assert f"{data}:{len(rows) + 1}: invalid JSON" in text
    assert not (tmp_path / "model").exists()
    rows.pop()
    write_gold(data, rows)
    with pytest.raises(InputError) as caught:
        train([data], "acled", tmp_path / "model", engine=Engine(["acled"], nlp=nlp))
    text = str(caught.value)
    assert f"{data}:3: id=" in text and "'Parade' is not a acled category" in text
    assert f"{data}:6: id=" in text and "expect_no_event" in text
    assert not (tmp_path / "model").exists()


def test_a_failed_training_keeps_the_earlier_model(trained, tmp_path, nlp):
    folder = copy_model(trained, tmp_path)
    before = [sha256(folder / name) for name in MODEL_FILES]
    bad = tmp_path / "one.jsonl"
    bad.write_text(json.dumps({"id": "x", "text": "Police arrested two men.", "events": [
        {"event_type": "Strategic developments", "sub_event_type": "Arrests"}]}) + "\n")
    with pytest.raises(InputError, match="two categories"):
        train([bad], "acled", folder, engine=Engine(["acled"], nlp=nlp))
    assert [sha256(folder / name) for name in MODEL_FILES] == before


def test_a_model_allowed_to_overrule_writes_a_consistent_event(trained, nlp):
    """With thresholds of 0 the model's choice always stands: the event takes its category
    with every column that follows, and stays schema-valid and ACLED-consistent."""
    from eventcoder_acled.taxonomy import check_row
    from eventcoder.learn.hybrid import Policy
    engine = Engine(["acled"], nlp=nlp, trained=trained[0].directory)
    model = engine.trained
    labels = [c for c in model.classes if c != NO_EVENT]
    engine.trained = TrainedModel(model.model, Policy({label: 0.0 for label in labels}),
                                  model.codebook, "eager")
    events = engine.code_texts(["Protesters marched in Quetta on Monday; later soldiers "
                                "clashed with militants near Turbat."], date="2024-05-06")
    assert events
    for event in events:
        decision = event["cite_info"]["trained"]
        assert decision["decided_by"] == "model" or decision["rules_label"] not in labels
        assert event["sub_event_type"] == decision["label"]
        assert check_row(event) == []



def test_small_training_data_is_cross_validated_several_times_over(trained):
    from eventcoder.learn.train import repeats_for
    manifest = trained[0].manifest
    assert manifest["layers"]["cv_repeats"] == repeats_for(30) > 1
    assert "rounds of 3-fold CV" in trained[0].report_text


@pytest.fixture(scope="module")
def eager_adder(nlp):
    """A model trained without texts that hold no event, allowed to add at any
    probability to texts of up to 200 characters."""
    from eventcoder.learn.estimator import build_estimator, frame
    from eventcoder.learn.hybrid import Policy
    from eventcoder.learn.samples import Sample
    from train_data import TEXTS
    samples = [Sample(0, text, {"rules=none": 1}, key[0])
               for key, texts in TEXTS.items() if key for text in texts]
    model = build_estimator().fit(frame(samples), [s.label for s in samples])
    book = Engine(["acled"], nlp=nlp).codebooks[0]
    return TrainedModel(model, Policy(add=0.0, add_max_chars=200), book, "eager")


@pytest.mark.parametrize("text", [
    "The central bank raised interest rates again, citing stubborn inflation figures.",
    "Parliament debated the budget on Tuesday; ministers defended spending cuts.",
    "Fans celebrated in Madrid after the final whistle of the cup final.",
])
def test_a_model_adds_nothing_to_a_text_unlike_its_training_texts(eager_adder, nlp, text):
    """Allowed to add at any probability, but only to texts at least 60 % of whose word
    n-grams it learnt: texts of another kind get no event."""
    from dataclasses import replace
    from eventcoder.engine import DOCUMENT_KEY
    from eventcoder.model import Document
    doc = nlp(text)
    doc.user_data[DOCUMENT_KEY] = Document("doc-1", text, "2024-05-07")
    picky = TrainedModel(eager_adder.model, replace(eager_adder.policy, add_min_coverage=0.6),
                         eager_adder.codebook, "picky")
    assert picky.model.coverage(text) < 0.6
    assert picky.revise([], doc) == []
    assert eager_adder.revise([], doc) != []  # the same model without the guard adds


@pytest.mark.parametrize("text, date", [
    ("Villagers said armed men had been seen near Kalat before the fighting.", "2024-05-07"),
    ("Shopkeepers in Quetta closed their shops and gathered outside the press club.", None),
    ("Reports from Turbat spoke of a blast near the bazaar on Friday.", "2023-11-02"),
])
def test_a_model_allowed_to_add_writes_a_valid_event_where_the_rules_found_none(
        eager_adder, nlp, text, date):
    """The added event has the model's category and every column that follows, is
    schema-valid and ACLED-consistent, and claims no participant named in the text, no
    place below the country and no deaths."""
    from eventcoder_acled.taxonomy import check_row
    from eventcoder.engine import DOCUMENT_KEY
    from eventcoder.model import Document
    doc = nlp(text)
    doc.user_data[DOCUMENT_KEY] = Document("doc-1", text, date)
    [event] = eager_adder.revise([], doc)
    assert event["sub_event_type"] in eager_adder.classes
    assert event["event_type"] in ("Protests", "Battles", "Explosions/Remote violence")
    assert event["cite_info"]["trained"]["decided_by"] == "model"
    assert event["cite_info"]["trained"]["rules_label"] is None
    assert event["actor"][0]["text"] == "" and event["recipient"] == []
    assert event["fatalities"] == 0 and event["location"] is None
    assert event["event_date"] == date and event["notes"] == text
    assert check_row(event) == []


def test_a_model_adds_nothing_to_a_text_longer_than_it_was_trained_on(eager_adder, nlp):
    from eventcoder.engine import DOCUMENT_KEY
    from eventcoder.model import Document
    text = "Soldiers were seen near Kalat. " * 10
    doc = nlp(text)
    doc.user_data[DOCUMENT_KEY] = Document("doc-2", text, None)
    assert eager_adder.revise([], doc) == []


@pytest.mark.parametrize("text", [
    "Farmers in Multan parked their tractors across the main road on Monday.",
    "Bus drivers in Nairobi parked across the highway and refused to move all morning.",
    "On Friday shop owners of Gwadar kept their shutters down and sat on the road.",
])
def test_a_model_adds_to_a_text_the_gate_left_unparsed(eager_adder, nlp, text):
    """A text with no sentence the rules need is not parsed, so the rules find nothing in
    it; the model learnt from such texts too, and reads it (parsing it only to write the
    event it adds)."""
    engine = Engine(["acled"], nlp=nlp)
    assert engine.parse([text]) == [None]
    assert engine.code_texts([text], date="2024-05-08") == []
    engine.trained = eager_adder
    [event] = engine.code_texts([text], date="2024-05-08")
    assert event["cite_info"]["trained"]["decided_by"] == "model"
    assert event["notes"] == text and event["event_date"] == "2024-05-08"


def test_an_unparsed_text_is_parsed_only_for_an_event_added(eager_adder):
    """A model that may not add never parses a text the gate left unparsed."""
    from dataclasses import replace
    from eventcoder.learn.hybrid import NEVER
    from eventcoder.model import Document

    def parse():
        raise AssertionError("parsed")
    never = TrainedModel(eager_adder.model, replace(eager_adder.policy, add=NEVER),
                         eager_adder.codebook, "never")
    document = Document("doc-3", "Farmers in Multan blocked the main road.", None)
    assert never.unparsed(document, parse) == []


def test_coding_with_a_model_imports_no_scikit_learn(trained, tmp_path):
    """The model is scored with NumPy alone: a coding run pays no scikit-learn import."""
    assert libraries_imported_when_coding(trained[0].directory) == []


@pytest.mark.parametrize("text", [
    "On 5 May 2024, hundreds of nurses staged protest rallies in Sialkot and Gujranwala "
    "areas, demanding higher pay.",
    "Teachers held sit-ins in Larkana and Sukkur on Thursday over unpaid salaries.",
    "On 14 March 2023, dozens of lawyers rallied in Multan and Bahawalpur against the new "
    "court fees.",
])
def test_a_text_like_the_training_texts_keeps_one_event_per_category_when_each_held_one(
        eager_adder, nlp, text):
    """The rules read two events of one category (one per town); a model trained on texts
    that each held one event keeps one of them in a text no longer than the longest of
    those, and leaves a longer text's events as the rules found them."""
    from dataclasses import replace
    engine = Engine(["acled"], nlp=nlp)
    found = len(engine.code_texts([text]))
    assert found >= 2
    for longest, expected in ((len(text), 1), (len(text) - 1, found), (0, found)):
        engine.trained = TrainedModel(eager_adder.model, replace(
            eager_adder.policy, single_max_chars=longest), eager_adder.codebook, "one")
        events = engine.code_texts([text])
        assert len(events) == expected
        assert all(e["cite_info"]["trained"]["label"] == e["sub_event_type"] for e in events)
