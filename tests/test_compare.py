"""eventcoder compare: coder specs, pairwise F1, kappa and Krippendorff's alpha."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eventcoder.bench.compare import cohen_kappa, compare, krippendorff_alpha
from eventcoder.bench.gold import load_gold
from eventcoder.cli import cli
from eventcoder.errors import InputError
from eventcoder.plugins import make_plugin_manager

GOLD = [
    {"id": "r1", "text": "Arnor attacked Gondor.", "date": "1995-01-01", "events": [
        {"source": "ARN", "target": "GON", "code": "190"}]},
    {"id": "r2", "text": "Gondor visited Rohan.", "date": "1995-01-02", "events": [
        {"source": "GON", "target": "ROH", "code": "042"}]},
    {"id": "r3", "text": "Nothing happened.", "date": "1995-01-03", "events": [],
     "expect_no_event": True},
    {"id": "r4", "text": "Nothing else happened.", "date": "1995-01-03", "events": [],
     "expect_no_event": True},
]
# PETRARCH output: r1 agrees, r2 has another code in the same root, r3 stays empty.
PETRARCH = "19950101\tARN\tGON\t190\tr1\n19950101\tGON\tROH\t043\tr2\n"


@pytest.fixture
def gold_file(tmp_path):
    path = tmp_path / "cameo.gold.jsonl"
    path.write_text("".join(json.dumps({**r, "codebook": "cameo"}) + "\n" for r in GOLD))
    return path


def test_cohen_kappa_by_hand():
    # observed 0.75; expected 0.5*0.25 + 0.5*0.75 = 0.5 -> kappa 0.5
    assert cohen_kappa(list("xxyy"), list("xyyy")) == 0.5
    assert cohen_kappa(list("xxx"), list("xxx")) == 1.0


def test_krippendorff_alpha_by_hand():
    # coincidences: o_xx=2, o_xy=o_yx=1, o_yy=4; n_x=3, n_y=5, n=8
    # D_o = 2/8, D_e = 2*3*5/(8*7) -> alpha = 1 - 0.25/0.5357 = 0.5333
    assert krippendorff_alpha([list("xxyy"), list("xyyy")]) == pytest.approx(0.5333, abs=1e-4)
    assert krippendorff_alpha([list("xyz"), list("xyz")]) == 1.0
    assert krippendorff_alpha([list("xx"), list("xx")]) == 1.0


@pytest.mark.model  # loads the real pipeline itself
def test_petrarch_file_against_gold(gold_file, tmp_path):
    events = tmp_path / "petrarch.evts.tsv"
    events.write_text(PETRARCH)
    result = compare([str(gold_file), str(events)], pm=make_plugin_manager(entrypoints=False))
    pair = result.pairs[0].to_dict()
    assert pair["records"] == 4 and pair["scorer"] == "cameo"
    assert pair["events"] == {"tp": 1, "fp": 1, "fn": 1, "precision": 0.5, "recall": 0.5,
                              "f1": 0.5}
    assert pair["label_agreement"] == 1.0 and pair["kappa"] == 1.0 and pair["alpha"] == 1.0
    assert list(result.pairs[0].disagreements["id"]) == ["r2"]
    assert list(result.labels["petrarch.evts.tsv"]) == ["19", "04", "(none)", "(none)"]


@pytest.mark.model  # loads the real pipeline itself
def test_petrarch_lines_without_ids_go_to_the_text_of_their_date(gold_file, tmp_path):
    events = tmp_path / "bare.tsv"
    events.write_text("19950101\tARN\tGON\t190\n19950102\tGON\tROH\t042\n")
    result = compare([str(gold_file), str(events)], pm=make_plugin_manager(entrypoints=False))
    assert result.pairs[0].to_dict()["events"] == {"tp": 2, "fp": 0, "fn": 0, "precision": 1.0,
                                                  "recall": 1.0, "f1": 1.0}
    events.write_text("19950103\tARN\tGON\t190\n")  # two texts share this date
    with pytest.raises(InputError, match="bare.tsv:1.*matches 2 texts.*story ids"):
        compare([str(gold_file), str(events)])


def test_live_coder_against_itself(gold_file, nlp):
    pm = make_plugin_manager(entrypoints=False)
    result = compare(["cameo", "cameo"], texts=str(gold_file), pm=pm, nlp=nlp)
    pair = result.pairs[0].to_dict()
    assert (pair["a"], pair["b"]) == ("cameo", "cameo#2")
    assert pair["f1"] == 1.0 and pair["alpha"] == 1.0 and pair["disagreements"] == 0


@pytest.mark.model  # loads the real pipeline itself
def test_cli_file_against_itself(gold_file):
    out = CliRunner().invoke(cli, ["compare", str(gold_file), str(gold_file), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["records"] == 4 and data["alpha"] == 1.0
    assert data["pairs"][0]["f1"] == 1.0 and data["pairs"][0]["kappa"] == 1.0


def test_cli_live_coder_needs_texts(tmp_path):
    out = CliRunner().invoke(cli, ["compare", "cameo", "acled"])
    assert out.exit_code != 0 and "--texts" in out.output


ONE_ROW_PER_ACTOR = (
    "event_id_cnty,event_date,event_type,sub_event_type,actor1,inter1,interaction,country,"
    "admin1,location,latitude,longitude,notes,fatalities\n"
    "BGD1,5-Aug-24,Riots,Mob violence,Rioters (Bangladesh),Rioters,Rioters-Civilians,"
    "Bangladesh,Dhaka,Dhaka,23.7,90.4,\"Rioters attacked a family in Dhaka.\",0\n"
    "BGD1,5-Aug-24,Riots,Mob violence,Civilians (Bangladesh),Civilians,Rioters-Civilians,"
    "Bangladesh,Dhaka,Dhaka,23.7,90.4,\"Rioters attacked a family in Dhaka.\",0\n"
    "BGD2,6-Aug-24,Protests,Peaceful protest,Protesters (Bangladesh),Protesters,"
    "Protesters only,Bangladesh,Dhaka,Dhaka,23.7,90.4,\"Students protested in Dhaka.\",0\n")


def test_acled_one_row_per_actor_export_is_folded(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(ONE_ROW_PER_ACTOR)
    records = load_gold(path)
    assert [r.id for r in records] == ["BGD1", "BGD2"]
    event = records[0].events[0]
    assert (event["actor1"], event["actor2"]) == ("Rioters (Bangladesh)", "Civilians (Bangladesh)")
    assert records[0].text == "Rioters attacked a family in Dhaka."


@pytest.mark.model  # loads the real pipeline itself
def test_acled_export_is_aligned_by_notes_text(tmp_path):
    export = tmp_path / "export.csv"
    export.write_text(ONE_ROW_PER_ACTOR)
    texts = tmp_path / "texts.jsonl"
    texts.write_text(json.dumps({"id": "t2", "text": "Students protested in Dhaka.",
                                 "events": [{"event_type": "Protests",
                                             "sub_event_type": "Peaceful protest"}]}) + "\n")
    result = compare([str(texts), str(export)], texts=str(texts),
                     pm=make_plugin_manager(entrypoints=False))
    pair = result.pairs[0].to_dict()
    assert pair["records"] == 1 and pair["f1"] == 1.0 and pair["scorer"] == "acled"


def test_live_acled_against_a_real_acled_export(shared_data, nlp):
    export = shared_data / "raw" / "acled" / "global_acled.csv"
    rows = load_gold(export)
    result = compare(["acled", str(export)], pm=make_plugin_manager(entrypoints=False), nlp=nlp)
    data = result.to_dict()
    assert data["records"] == len(rows) == 40
    pair = data["pairs"][0]
    assert pair["scorer"] == "acled" and -1.0 <= pair["kappa"] <= 1.0
    assert -1.0 <= pair["alpha"] <= 1.0 and 0.0 <= pair["f1"] <= 1.0
    exported = result.labels["global_acled.csv"]
    assert "(none)" not in set(exported)  # every export row is an event, aligned to its notes
    assert set(exported) <= {"Battles", "Protests", "Riots", "Violence against civilians",
                             "Explosions/Remote violence", "Strategic developments"}


@pytest.mark.model  # loads the real pipeline itself
def test_acled_csv_written_per_sentence_is_aligned_to_the_text_containing_it(tmp_path):
    texts = tmp_path / "texts.jsonl"
    texts.write_text(json.dumps({"id": "doc1", "text": "Students protested in Dhaka. "
                                 "Rioters attacked a family in Dhaka.", "events": [
                                     {"event_type": "Protests", "sub_event_type": "Peaceful protest"},
                                     {"event_type": "Riots", "sub_event_type": "Mob violence"}]})
                     + "\n")
    export = tmp_path / "coded.csv"
    export.write_text(ONE_ROW_PER_ACTOR.replace("BGD", "X"))
    result = compare([str(texts), str(export)], texts=str(texts),
                     pm=make_plugin_manager(entrypoints=False))
    assert result.pairs[0].to_dict()["f1"] == 1.0


def _event(doc_id, source, target, code, number):
    """An eventcoder output event as `eventcoder code -f jsonl` writes it (trimmed)."""
    return {"id": f"{doc_id}:cameo:{number}", "event_code": code,
            "actor": [{"text": source, "code": source}],
            "recipient": [{"text": target, "code": target}],
            "text_info": {"doc_id": doc_id, "sentence": 0},
            "cite_info": {"codebook": "cameo", "version": "1.1b3"},
            "source": source, "target": target, "code": code}


@pytest.mark.model  # loads the real pipeline itself
def test_eventcoder_jsonl_and_csv_outputs_as_coders(gold_file, tmp_path):
    from eventcoder.frames import flatten
    events = [_event("r1", "ARN", "GON", "190", 0), _event("r2", "GON", "ROH", "042", 0),
              _event("r2", "ROH", "GON", "043", 1)]
    jsonl = tmp_path / "coded.jsonl"
    jsonl.write_text("".join(json.dumps(e) + "\n" for e in events))
    flat = tmp_path / "coded.csv"
    import csv
    rows = [flatten(e) for e in events]
    with open(flat, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = compare([str(gold_file), str(jsonl), str(flat)],
                     pm=make_plugin_manager(entrypoints=False))
    by_pair = {(p.a, p.b): p.to_dict() for p in result.pairs}
    # gold vs each output: r1 and r2's first event agree, r2's second is extra
    expected = {"tp": 2, "fp": 1, "fn": 0, "precision": 0.6667, "recall": 1.0, "f1": 0.8}
    assert by_pair[("cameo.gold.jsonl", "coded.jsonl")]["events"] == expected
    assert by_pair[("cameo.gold.jsonl", "coded.csv")]["events"] == expected
    assert by_pair[("coded.jsonl", "coded.csv")]["f1"] == 1.0
    assert result.coders[1].family == "cameo" and result.coders[2].family == "cameo"


def test_texts_may_be_a_plain_input_csv(gold_file, tmp_path):
    from eventcoder.bench.coders import read_texts
    texts = tmp_path / "input.csv"
    texts.write_text("id,text,date\nr1,Arnor attacked Gondor.,1995-01-01\n")
    records = read_texts(str(texts))
    assert [(r.id, r.text, r.date) for r in records] == [("r1", "Arnor attacked Gondor.",
                                                          "1995-01-01")]
