"""eventcoder bench: hand-made gold and scripted predictions with known TP/FP/FN."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from eventcoder import Codebook, hookimpl
from eventcoder.bench import align, bench, load_gold, prf, registered_scorers, score
from eventcoder.bench.gold import GoldRecord
from eventcoder.cli import cli
from eventcoder.engine import DOCUMENT_KEY
from eventcoder.errors import InputError, PluginError
from eventcoder.model import Event, Participant
from eventcoder.plugins import make_plugin_manager

# Each record: (id, category, gold triples, predicted triples, expect_no_event)
RECORDS = [
    ("r1", "A", [("AAA", "BBB", "190"), ("CCC", "DDD", "042")],
     [("AAA", "BBB", "190"), ("CCC", "DDD", "043")], False),
    ("r2", "A", [("EEE", "FFF", "010")], [], False),
    ("r3", "B", [], [("XXX", "YYY", "111")], True),
    ("r4", "B", [], [], True),
    ("r5", "B", [("GGG", "HHH", "190")], [("GGG", "HHH", "190"), ("HHH", "GGG", "190")], False),
]
SCRIPT = {rid: preds for rid, _, _, preds, _ in RECORDS}


class ScriptedCodebook(Codebook):
    """Emits the predictions scripted for each document id (CAMEO-style top-level fields)."""

    id, version, coder = "cameo-scripted", "1", "test"

    def code(self, doc, sentences, ctx):
        document = doc.user_data[DOCUMENT_KEY]
        return [Event(code, None, [Participant(source, source)], [Participant(target, target)],
                      doc[:], rule="script", fields={"source": source, "target": target,
                                                     "code": code})
                for source, target, code in SCRIPT[document.id]]


class ScriptedPlugin:
    @hookimpl
    def register_codebooks(self, register):
        register(ScriptedCodebook())


@pytest.fixture
def scripted_pm():
    pm = make_plugin_manager(entrypoints=False)
    pm.register(ScriptedPlugin(), name="scripted")
    return pm


@pytest.fixture
def gold_file(tmp_path):
    path = tmp_path / "hand.gold.jsonl"
    lines = [json.dumps({"id": rid, "text": f"Record {rid} text.", "date": "2020-01-01",
                         "events": [{"source": s, "target": t, "code": c} for s, t, c in gold],
                         "expect_no_event": empty, "meta": {"category": cat}})
             for rid, cat, gold, _, empty in RECORDS]
    path.write_text("\n".join(lines) + "\n")
    return path


# Independent hand count: r1 1 TP + (1 FP, 1 FN); r2 1 FN; r3 1 FP; r5 1 TP + 1 FP.
EXPECTED = {"tp": 2, "fp": 3, "fn": 2, "precision": 0.4, "recall": 0.5, "f1": 0.4444}


def test_prf_by_hand():
    assert prf(2, 3, 2) == EXPECTED
    assert prf(0, 0, 0)["f1"] == 1.0  # nothing to find and nothing found
    assert prf(0, 2, 0)["f1"] == 0.0


def test_alignment_prefers_exact_matches():
    key = ("source", "target", "code")
    gold = [{"source": "A", "target": "B", "code": "1"}, {"source": "A", "target": "C", "code": "1"}]
    pred = [{"source": "A", "target": "C", "code": "1"}, {"source": "A", "target": "B", "code": "2"}]
    found = align(pred, gold, key)
    assert sorted(found.pairs) == [(0, 1), (1, 0)]
    assert (found.tp, found.fp, found.fn) == (1, 1, 1)
    # A gold None agrees with anything; nothing in common leaves both unaligned.
    assert align([{"source": "X"}], [{"source": None}], ("source",)).tp == 1
    apart = align([{"source": "X", "code": "1"}], [{"source": "Y", "code": "2"}], ("source", "code"))
    assert (apart.pairs, apart.fp, apart.fn) == ([], 1, 1)


def test_bench_api_counts(gold_file, scripted_pm, nlp):
    result = bench([gold_file], "cameo-scripted", pm=scripted_pm, nlp=nlp)
    data = result.to_dict()
    assert data["scorer"] == "cameo" and data["records"] == 5
    assert data["events"] == EXPECTED
    assert data["no_event"] == {"n": 2, "correct": 1}
    # fields: each of the 4 gold events against its best-matching prediction; r2's
    # missed event gets every field wrong, r1's 042 is matched with 043 (same actors)
    assert data["fields"]["code"] == {"accuracy": 0.5, "n": 4}
    assert data["fields"]["root_code"] == {"accuracy": 0.75, "n": 4}
    assert data["fields"]["quad_class"] == {"accuracy": 0.75, "n": 4}
    assert data["by_category"]["A"] == {"records": 2, **prf(1, 1, 2)}
    assert data["by_category"]["B"] == {"records": 3, **prf(1, 2, 0)}
    assert data["by_label"]["042"] == prf(0, 0, 1)
    assert data["by_label"]["043"] == prf(0, 1, 0)
    assert data["confusion"]["04"] == {"04": 1}
    assert data["confusion"]["01"] == {"(none)": 1}
    assert data["confusion"]["(none)"] == {"11": 1, "19": 1}
    assert data["nlp_seconds"] <= data["seconds"]
    assert list(result.main.errors["id"]) == ["r1", "r2", "r3", "r5"]
    wrong = dict(zip(result.main.errors["id"], result.main.errors["wrong_fields"]))
    assert wrong["r1"] == "event 2 code: gold 042, coded 043"
    assert wrong["r2"].startswith("code: gold 010, coded (none); root_code: gold 01, coded")
    assert wrong["r3"] == "" and wrong["r5"] == ""  # an extra event, no field wrong


def test_bench_cli_json_matches_hand_count(gold_file, scripted_pm, nlp, monkeypatch, tmp_path):
    monkeypatch.setattr("eventcoder.bench.cli._plugin_manager", lambda: scripted_pm)
    monkeypatch.setattr("eventcoder.bench.cli._load_nlp", lambda model: nlp)
    errors = tmp_path / "errors.csv"
    out = CliRunner().invoke(cli, ["bench", str(gold_file), "--codebook", "cameo-scripted",
                                   "--json", "--errors", str(errors)])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    for key in ("records", "events", "fields", "no_event", "seconds", "records_per_second",
                "nlp_seconds"):
        assert key in data
    assert data["events"] == EXPECTED
    assert data["records_per_second"] > 0
    assert errors.read_text().splitlines()[0].startswith(
        "id,category,tp,fp,fn,wrong_fields,gold")
    limited = CliRunner().invoke(cli, ["bench", str(gold_file), "-c", "cameo-scripted",
                                       "--json", "--limit", "2"])
    assert json.loads(limited.stdout)["events"] == prf(1, 1, 2)
    several = CliRunner().invoke(cli, ["bench", str(gold_file), "-c", "cameo-scripted", "-c",
                                       "cameo-scripted", "--json"])
    figures = json.loads(several.stdout)
    assert isinstance(figures, list) and [f["events"] for f in figures] == [EXPECTED] * 2


def test_acled_fields_on_a_hand_made_pair():
    acled = registered_scorers(make_plugin_manager(entrypoints=False))["acled"]
    gold = {"event_type": "Battles", "sub_event_type": "Armed clash",
            "actor1": "BLA: Baloch Liberation Army", "actor2": "Military Forces of Pakistan (2018-2022)",
            "inter1": 2, "inter2": 1, "interaction": 12, "fatalities": 3,
            "event_date": "2023-04-18", "admin1": "Balochistan", "admin2": "Kalat",
            "location": "Johan", "latitude": 29.3289, "longitude": 66.9716}
    pred = {**gold, "actor1": "Military Forces of Pakistan (2024-)",
            "actor2": "BLA: Baloch Liberation Army", "inter1": "State forces",
            "inter2": "Rebel group", "interaction": "State forces-Rebel group", "fatalities": 4,
            "event_date": "18 April 2023", "admin2": None, "latitude": 29.4289}
    record = GoldRecord("g1", "text", [gold])
    result = score(acled, [record], {"g1": [pred]})
    assert result.events == prf(1, 0, 0)
    accuracy = {name: fig["accuracy"] for name, fig in result.fields.items()}
    assert accuracy["actors"] == 0.0 and accuracy["actors_no_year"] == 1.0
    assert accuracy["inter_codes"] == 1.0  # an unordered pair, like the actors
    assert accuracy["interaction"] == 1.0 and accuracy["event_date"] == 1.0
    assert accuracy["fatalities"] == 0.0 and accuracy["fatalities_within_1"] == 1.0
    assert accuracy["admin2"] == 0.0 and accuracy["location"] == 1.0
    assert accuracy["coordinates_within_25km"] == 1.0  # 11 km off
    assert result.measures["distance_km"]["mean"] == pytest.approx(11.12, abs=0.05)


def test_gold_errors_are_located(tmp_path):
    path = tmp_path / "bad.gold.jsonl"
    path.write_text('{"id": "a", "text": "x", "events": []}\n{"id": "b", "events": []}\n'
                    '{"id": "c", "text": "y", "events": [{"code": "1"}], "expect_no_event": true}\n')
    with pytest.raises(InputError) as err:
        load_gold(path)
    lines = str(err.value).splitlines()
    assert len(lines) == 2 and ":2" in lines[0] and ":3" in lines[1]


def test_gold_for_another_codebook_is_refused(tmp_path, scripted_pm, nlp):
    path = tmp_path / "acled.gold.jsonl"
    path.write_text(json.dumps({"id": "r1", "text": "t", "events": [{"event_type": "Battles"}]}))
    with pytest.raises(InputError, match="no label"):
        bench([path], "cameo-scripted", pm=scripted_pm, nlp=nlp)


def test_a_plugin_scorer_replaces_the_builtin_but_clashes_are_named():
    from eventcoder.bench import Scorer

    class Mine:
        @hookimpl
        def register_scorers(self, register):
            register("plover", Scorer("plover", key=("code",), view=dict, families=("plover",)))

    pm = make_plugin_manager(entrypoints=False)
    pm.register(Mine(), name="mine")
    assert registered_scorers(pm)["plover"].key == ("code",)
    pm.register(type("Other", (Mine,), {})(), name="other")
    with pytest.raises(PluginError, match="'mine' and 'other'|'other' and 'mine'"):
        registered_scorers(pm)


def test_acled_events_of_one_type_are_matched_by_place():
    acled = registered_scorers(make_plugin_manager(entrypoints=False))["acled"]
    clash = {"event_type": "Battles", "sub_event_type": "Armed clash"}
    gold = [{**clash, "location": "Rutshuru", "fatalities": 8},
            {**clash, "location": "Masisi", "fatalities": 4}]
    pred = [{**clash, "location": "Masisi", "fatalities": 4},
            {**clash, "location": "Rutshuru", "fatalities": 9}]
    result = score(acled, [GoldRecord("k", "text", gold)], {"k": pred})
    assert result.events == prf(2, 0, 0)
    assert result.fields["location"] == {"accuracy": 1.0, "n": 2}
    assert result.fields["fatalities"] == {"accuracy": 0.5, "n": 2}
    assert result.fields["fatalities_within_1"] == {"accuracy": 1.0, "n": 2}


def test_dictionaries_reach_the_codebook_or_fail_clearly(gold_file, scripted_pm, nlp, tmp_path,
                                                        monkeypatch):
    from eventcoder.errors import CodebookError
    with pytest.raises(CodebookError, match="does not take PETRARCH dictionaries"):
        bench([gold_file], "cameo-scripted", dictionaries=str(tmp_path), pm=scripted_pm, nlp=nlp)
    received = []

    def with_dictionaries(self, path):
        received.append(path)
        return self
    monkeypatch.setattr(ScriptedCodebook, "with_dictionaries", with_dictionaries, raising=False)
    result = bench([gold_file], "cameo-scripted", dictionaries=str(tmp_path), pm=scripted_pm,
                   nlp=nlp)
    assert received == [str(tmp_path)] and result.to_dict()["dictionaries"] == str(tmp_path)


def test_candidate_recall_uses_the_codebooks_own_resolution(gold_file, scripted_pm, nlp,
                                                            monkeypatch):
    from eventcoder.model import Participant as P

    def resolve_span(self, span, role, ctx):
        return [P(span.text, "AAA" if role == "actor" else "BBB")]
    monkeypatch.setattr(ScriptedCodebook, "resolve_span", resolve_span, raising=False)
    path = gold_file.parent / "svo.gold.jsonl"
    path.write_text(json.dumps({"id": "r1", "text": "Arnor attacked Gondor.", "events": [
        {"source": "AAA", "target": "BBB", "code": "190"},
        {"source": "CCC", "target": "DDD", "code": "042"}]}) + "\n")
    data = bench([path], "cameo-scripted", pm=scripted_pm, nlp=nlp).to_dict()
    assert data["candidate_recall"] == {"n": 2, "proposed": 1, "recall": 0.5}


def test_confusion_pairs_what_was_predicted_instead():
    acled = registered_scorers(make_plugin_manager(entrypoints=False))["acled"]
    gold = [{"event_type": "Battles", "sub_event_type": "Armed clash", "location": "Johan"}]
    # an eventcoder ACLED event: the core "location" object holds ACLED's location name
    pred = [{"event_type": "Violence against civilians", "sub_event_type": "Attack",
             "location": {"location": "Johan", "admin1": "Balochistan", "latitude": 29.0,
                          "longitude": 66.6}}]
    result = score(acled, [GoldRecord("x", "text", gold)], {"x": pred})
    assert result.events == prf(0, 1, 1)
    assert result.to_dict()["confusion"] == {"Battles": {"Violence against civilians": 1}}
    view = acled.view(pred[0])
    assert (view["location"], view["admin1"], view["latitude"]) == ("Johan", "Balochistan", 29.0)


def test_acled_csv_gold_is_scored_like_jsonl_gold(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(
        "event_id_cnty,event_date,event_type,sub_event_type,actor1,inter1,actor2,inter2,"
        "interaction,country,admin1,admin2,location,latitude,longitude,notes,fatalities\n"
        "PAK1,21 March 2020,Battles,Armed clash,BLA: Baloch Liberation Army,2,"
        "Military Forces of Pakistan (2018-2022),1,12,Pakistan,Balochistan,Kech,Turbat,"
        "26.0,63.05,\"BLA militants clashed with soldiers near Turbat.\",2\n"
        "PAK2,22 March 2020,Protests,Peaceful protest,Protesters (Pakistan),6,,,60,Pakistan,"
        "Sindh,Karachi,Karachi,24.86,67.01,\"Traders protested in Karachi.\",0\n")
    records = load_gold(path)
    assert [r.text for r in records] == ["BLA militants clashed with soldiers near Turbat.",
                                         "Traders protested in Karachi."]
    assert records[0].events[0]["fatalities"] == 2 and records[0].events[0]["latitude"] == 26.0
    acled = registered_scorers(make_plugin_manager(entrypoints=False))["acled"]
    predicted = {"PAK1": [{"event_type": "Battles", "sub_event_type": "Armed clash",
                           "event_date": "2020-03-21", "fatalities": 2}],
                 "PAK2": [{"event_type": "Riots", "sub_event_type": "Mob violence"}]}
    result = score(acled, records, predicted)
    assert result.events == prf(1, 1, 1)
    # PAK2's protest, coded as a riot without a date, gets both fields wrong
    assert result.fields["event_date"] == {"accuracy": 0.5, "n": 2}
    assert result.fields["event_type"] == {"accuracy": 0.5, "n": 2}
    assert result.to_dict()["confusion"]["Protests"] == {"Riots": 1}


def test_unknown_gold_fields_are_kept_out_with_a_warning(tmp_path, caplog):
    path = tmp_path / "extra.gold.jsonl"
    path.write_text('{"id": "a", "text": "x", "events": [], "expect_no_events": true}\n')
    with caplog.at_level("WARNING"):
        records = load_gold(path)
    assert records[0].expect_no_event is False
    assert "extra.gold.jsonl:1: unknown gold field 'expect_no_events'" in caplog.text


def _brute_force_tp(preds, golds, key):
    """Most exact matches over every one-to-one assignment (an independent computation)."""
    import itertools
    small, large, flip = (preds, golds, False) if len(preds) <= len(golds) else (golds, preds, True)
    best = 0
    for chosen in itertools.permutations(range(len(large)), len(small)):
        hits = 0
        for i, j in enumerate(chosen):
            p, g = (large[j], small[i]) if flip else (small[i], large[j])
            hits += all(p[k] == g[k] for k in key)
        best = max(best, hits)
    return best

_views = st.lists(st.fixed_dictionaries({"a": st.sampled_from("xy"), "b": st.sampled_from("pq"),
                                         "c": st.sampled_from("12")}), max_size=5)


@given(_views, _views)
def test_alignment_finds_the_most_exact_matches(preds, golds):
    key = ("a", "b", "c")
    found = align(preds, golds, key)
    assert found.tp == _brute_force_tp(preds, golds, key)
    assert found.tp + found.fp == len(preds) and found.tp + found.fn == len(golds)
    assert align(golds, golds, key).tp == len(golds)


BORDERS = """codebook: borders
version: "1"
actors:
  - {code: IND, patterns: [India, Indian, New Delhi]}
  - {code: CHN, patterns: [China, Chinese, Beijing]}
agents:
  - {code: MIL, patterns: [troops, soldiers]}
events:
  - {code: "042", label: Make a visit, verbs: [visit]}
  - {code: "190", label: Fight, verbs: ["clash with"]}
"""


def test_a_yaml_codebook_is_benched_with_the_generic_scorer(tmp_path, nlp):
    book = tmp_path / "borders.codebook.yaml"
    book.write_text(BORDERS)
    gold = tmp_path / "borders.gold.jsonl"
    gold.write_text(
        json.dumps({"id": "b1", "text": "Indian troops clashed with Chinese soldiers.",
                    "events": [{"event_code": "190", "actor_code": "INDMIL",
                                "recipient_code": "CHNMIL"}]}) + "\n" +
        json.dumps({"id": "b2", "text": "The Chinese foreign minister visited New Delhi.",
                    "events": [{"event_code": "042", "actor_code": "CHN",
                                "recipient_code": "PAK"}]}) + "\n")
    data = bench([gold], str(book), pm=make_plugin_manager(entrypoints=False), nlp=nlp).to_dict()
    assert data["scorer"] == "generic" and data["codebook"] == "borders"
    assert data["events"] == prf(1, 1, 1)  # b2: the coder says IND, the gold PAK
    assert data["fields"]["recipient_code"] == {"accuracy": 0.5, "n": 2}
    # "clashed with X": a prepositional object counts as a proposed target
    assert data["candidate_recall"] == {"n": 2, "proposed": 1, "recall": 0.5}


def test_acled_inter_code_zero_means_no_second_actor():
    """ACLED's numeric layouts write inter2 = 0 for a one-actor event; others leave it out."""
    from eventcoder_acled.scoring import acled_view
    numeric = acled_view({"actor1": "Protesters (Kenya)", "inter1": 6, "inter2": 0})
    textual = acled_view({"actor1": "Protesters (Kenya)", "inter1": "Protesters",
                          "inter2": None})
    assert numeric["inter_codes"] == textual["inter_codes"] == (6,)


def test_gold_csv_nobody_reads_is_refused(tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("id,text\n1,Hello\n")
    with pytest.raises(InputError, match="format a plugin reads"):
        load_gold(path)


def test_a_mistyped_event_counts_against_event_type_and_names_the_field():
    """Fields are judged per gold event against its best match, not on pairs aligned on
    the type: a civilian killing coded as a battle makes event_type accuracy fall."""
    acled = registered_scorers(make_plugin_manager(entrypoints=False))["acled"]
    vac = {"event_type": "Violence against civilians", "sub_event_type": "Attack",
           "location": "Kiwanja", "fatalities": 2}
    battle = {"event_type": "Battles", "sub_event_type": "Armed clash",
              "location": "Kiwanja", "fatalities": 14}
    records = [GoldRecord("v", "text", [vac]), GoldRecord("b", "text", [battle])]
    result = score(acled, records, {"v": [battle], "b": [battle]})
    assert result.fields["event_type"] == {"accuracy": 0.5, "n": 2}
    assert result.fields["location"] == {"accuracy": 1.0, "n": 2}
    row = result.errors.set_index("id").loc["v"]
    assert "event_type: gold Violence against civilians, coded Battles" in row["wrong_fields"]
    assert "fatalities: gold 2, coded 14" in row["wrong_fields"]
    assert list(result.errors["id"]) == ["v"]


def test_the_report_names_wrong_fields_has_a_colour_legend_and_hides_empty_panels():
    from types import SimpleNamespace

    from eventcoder.bench.report import bench_report
    acled = registered_scorers(make_plugin_manager(entrypoints=False))["acled"]
    gold = {"event_type": "Violence against civilians", "sub_event_type": "Attack",
            "fatalities": 2}
    coded = {"event_type": "Battles", "sub_event_type": "Armed clash", "fatalities": 2}
    main = score(acled, [GoldRecord("v", "Text.", [gold])], {"v": [coded]})
    result = SimpleNamespace(
        codebook="acled", gold=["g.jsonl"], dictionaries=None, main=main,
        to_dict=lambda: {**main.to_dict(), "seconds": 1.0, "records_per_second": 1.0,
                         "nlp_seconds": 0.5})
    html = bench_report([result])
    assert "event_type: gold Violence against civilians, coded Battles" in html
    assert "events per cell" in html and "gold label = predicted label" in html
    assert "By category" not in html  # the gold has no categories: no "(none)" panel
