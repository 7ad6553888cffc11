"""Fuzzing the codebook loader: whatever YAML a researcher (or a random generator) writes,
loading and compiling it either works or raises CodebookError naming the file; never a
TypeError, KeyError, re.error or a hang."""
from __future__ import annotations

import string
from pathlib import Path

import pytest
import spacy
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from eventcoder import CodebookError, Document, Problem, RuleCodebook, yamlio
from eventcoder.errors import UnknownCodebookError

REPO = Path(__file__).resolve().parents[1]
STARTER = (REPO / "tests" / "test_codebook_yaml.py").read_text(encoding="utf-8")
EXAMPLE = STARTER[STARTER.index('BOOK = textwrap.dedent("""\\') + 29:
                  STARTER.index('    """)')].replace("\n    ", "\n").lstrip()

BLANK = spacy.blank("en")
FILE_SETTINGS = settings(suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                HealthCheck.too_slow])

KEYS = ["codebook", "version", "label", "events", "actors", "agents", "templates", "discards",
        "options", "schema", "extends", "code", "verbs", "nouns", "patterns", "template",
        "fields", "mode", "context", "RIGHT_ID", "RIGHT_ATTRS", "LEFT_ID", "REL_OP", "LEMMA",
        "LOWER", "DEP", "REGEX", "IN", "OP", "patterns", "sector", "dates", "from", "to",
        "negation", "max_events_per_sentence", "dedupe", "require_actor", "x-note", "action",
        "actor", "target", "$verbs", "_", "actor_text"]
SCALARS = st.one_of(
    st.sampled_from(KEYS + ["042", "190", "attack", "meet with", "accuse * of", ">", "<<",
                            ">>>>", "(unclosed", "[z-a]", ".*", "", " ", "*", "drop", "flag",
                            "2020-01-01", "20-1-1", "nsubj", "VERB", "-1", "../x.yaml"]),
    st.text(max_size=12), st.integers(-3, 300), st.floats(allow_nan=True), st.booleans(),
    st.none())


def data_tree(leaves):
    return st.recursive(leaves, lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(KEYS), children, max_size=4)), max_leaves=25)


EVENT = st.fixed_dictionaries({"code": st.one_of(st.sampled_from(["042", "190"]), SCALARS)},
                              optional={k: data_tree(SCALARS) for k in
                                        ("verbs", "nouns", "patterns", "template", "fields",
                                         "label", "mode", "context")})
NODE = st.fixed_dictionaries(
    {"RIGHT_ID": st.sampled_from(["action", "actor", "target", "x"]),
     "RIGHT_ATTRS": st.dictionaries(st.sampled_from(["LEMMA", "DEP", "LOWER", "LENGTH", "OP",
                                                     "LEMMAX", "_"]),
                                    st.one_of(SCALARS, st.dictionaries(
                                        st.sampled_from(["IN", "REGEX", "NOT_IN", ">="]),
                                        st.one_of(SCALARS, st.lists(SCALARS, max_size=3)),
                                        max_size=2)), max_size=3)},
    optional={"LEFT_ID": st.sampled_from(["action", "actor", "nowhere"]),
              "REL_OP": st.sampled_from([">", "<", ">>", ".", "$+", "??", ""])})
PATTERN_EVENT = st.fixed_dictionaries({"code": st.sampled_from(["042", "190", "1"]),
                                       "patterns": st.lists(st.lists(NODE, max_size=4),
                                                            max_size=2)},
                                      optional={"verbs": st.lists(SCALARS, max_size=3),
                                                "template": st.sampled_from(["t", "missing"])})
CHAOTIC_BOOK = st.fixed_dictionaries(
    {"codebook": st.one_of(st.just("fuzz"), SCALARS), "version": st.one_of(st.just("1"), SCALARS),
     "events": st.one_of(st.lists(st.one_of(EVENT, PATTERN_EVENT), max_size=4), SCALARS)},
    optional={"actors": data_tree(SCALARS), "agents": data_tree(SCALARS),
              "templates": st.dictionaries(st.just("t"), st.lists(NODE, max_size=3), max_size=1),
              "options": data_tree(SCALARS), "discards": data_tree(SCALARS),
              "schema": SCALARS, "extends": SCALARS,
              "x-notes": data_tree(SCALARS), "colour": SCALARS})
PHRASES = st.one_of(st.sampled_from(["Pakistan", "Pakistani", "troops", "India", "attack",
                                     "clash with", "accuse * of", "meet", " x", "é", "🙂",
                                     "Indian soldiers", "*"]), st.text(min_size=1, max_size=8))
ACTOR = st.fixed_dictionaries(
    {"code": st.one_of(st.sampled_from(["PAK", "IND", "MIL", "---"]), st.text(max_size=4)),
     "patterns": st.lists(PHRASES, max_size=3)},
    optional={"sector": st.one_of(st.none(), st.text(max_size=4)),
              "dates": st.lists(st.fixed_dictionaries(
                  {"code": st.sampled_from(["PAK", "X"])},
                  optional={"from": st.sampled_from(["2020-01-01", "1999-12-31", "x"]),
                            "to": st.sampled_from(["2030-01-01", "0000-00-00"])}), max_size=2)})
OPTIONS = st.fixed_dictionaries({}, optional={
    "negation": st.sampled_from(["drop", "flag", "keep", "maybe"]),
    "max_events_per_sentence": st.integers(-1, 5), "require_actor": st.booleans(),
    "require_recipient": st.booleans(), "agent_only_prefix": st.text(max_size=3),
    "dedupe": st.lists(st.sampled_from(["event_code", "actor", "recipient", "mode", "nope",
                                        "__class__", "fields"]), max_size=3)})
VERB_EVENT = st.fixed_dictionaries(
    {"code": st.sampled_from(["042", "190", "173", "x"])},
    optional={"verbs": st.lists(PHRASES, max_size=3), "nouns": st.lists(PHRASES, max_size=2),
              "label": st.text(max_size=5), "mode": st.text(max_size=5),
              "context": st.lists(st.text(max_size=5), max_size=2),
              "fields": st.dictionaries(st.sampled_from(["quad_class", "goldstein", "actor",
                                                         "size", "extra"]),
                                        st.one_of(SCALARS, st.lists(SCALARS, max_size=2)),
                                        max_size=2)})
PLAUSIBLE_BOOK = st.fixed_dictionaries(
    {"codebook": st.just("fuzz"), "version": st.just("1"),
     "events": st.lists(st.one_of(VERB_EVENT, PATTERN_EVENT), max_size=4)},
    optional={"actors": st.lists(ACTOR, max_size=3), "agents": st.lists(ACTOR, max_size=2),
              "templates": st.dictionaries(st.just("t"), st.lists(NODE, min_size=1, max_size=3),
                                           max_size=1),
              "options": OPTIONS, "discards": st.lists(PHRASES, max_size=2)})
SENTENCES = ["Pakistani troops attacked Indian soldiers in Kashmir.",
             "India did not attack Pakistan.", "The minister met Pakistani officials.",
             "Troops, police and militants clashed with Indian soldiers and rebels."]


def load_and_compile(path: Path) -> RuleCodebook | None:
    """What `eventcoder validate` does; only CodebookError, located in a file, may escape."""
    try:
        book = RuleCodebook.from_yaml(path, lookup=lambda name: _unknown(name))
        book.prepare(BLANK)
        book.validator  # the event schema (with any extension) must build too
        event("loaded")  # --hypothesis-show-statistics: how often fuzzing gets this far
        return book
    except CodebookError as err:
        assert err.problems, "a CodebookError says what is wrong"
        for problem in err.problems:
            assert problem.file, f"problem without a file: {problem}"
            assert problem.message and "\n" not in str(problem), repr(str(problem))
        event(f"rejected at {err.problems[0].field}")
    return None


def _unknown(name):
    raise UnknownCodebookError(Problem(f"unknown codebook {name!r}"))  # as the registry does


@FILE_SETTINGS
@given(book=st.one_of(CHAOTIC_BOOK, PLAUSIBLE_BOOK))
@pytest.mark.long_property
def test_generated_codebooks_load_or_fail_with_a_location(tmp_path, book, engine_factory):
    path = tmp_path / "fuzz.codebook.yaml"
    path.write_text(yaml.safe_dump(book, allow_unicode=True), encoding="utf-8")
    loaded = load_and_compile(path)
    if loaded is not None:  # a codebook that loads must also code without failing
        engine = engine_factory(loaded, strict=True)
        results = list(engine.results(Document(str(i), text) for i, text in enumerate(SENTENCES)))
        assert [r.problems for r in results] == [[]] * len(SENTENCES)


MUTATION = st.tuples(st.sampled_from(["insert", "delete", "replace"]), st.integers(0, 10_000),
                     st.text(alphabet=string.printable + "&*!|>{}[]-:#'\"\t\x00é", max_size=6))


@FILE_SETTINGS
@given(mutations=st.lists(MUTATION, min_size=1, max_size=4))
@pytest.mark.long_property
def test_mutated_codebook_text_loads_or_fails_with_a_location(tmp_path, mutations):
    text = EXAMPLE
    for kind, at, chunk in mutations:
        at %= len(text) + 1
        if kind == "insert":
            text = text[:at] + chunk + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + len(chunk) + 1:]
        else:
            text = text[:at] + chunk + text[at + len(chunk):]
    path = tmp_path / "mutant.codebook.yaml"
    path.write_text(text, encoding="utf-8")
    load_and_compile(path)


YAML_TOKENS = st.sampled_from(["a", ":", " ", "\n", "- ", "[", "]", "{", "}", ",", "&x ", "*x",
                               "!!str ", "!!python/object:os.system ", "!tag ", "? ", "|",
                               ">", "'", '"', "#", "---", "...", "<<: ", "042", "~", "%YAML",
                               "\t", "\\", "\ufeff", "\x85", "\u2028", "é"])


@given(text=st.one_of(st.text(max_size=200), st.lists(YAML_TOKENS, max_size=60).map("".join)))
@pytest.mark.long_property
def test_arbitrary_text_parses_or_fails_with_a_location(text):
    try:
        yamlio.loads(text, source="any.yaml")
    except CodebookError as err:
        assert [p.file for p in err.problems] == ["any.yaml"]
        assert "\n" not in str(err), repr(str(err))


def test_example_codebook_is_what_the_mutation_test_starts_from():
    assert yamlio.loads(EXAMPLE)["codebook"] == "borders"


@pytest.mark.parametrize("text, expected", [
    ("!!python/object/apply:os.system ['touch /tmp/pwned']",
     "bad.yaml:1: invalid YAML: column 1: the tag !!python/object/apply:os.system is not "
     "allowed: codebooks are plain data"),
    ("codebook: x\nversion: '1'\nevents: []\nimage: !!binary aGk=\n",
     "bad.yaml:4: invalid YAML: column 8: the tag !!binary is not allowed"),
    ("codebook: x\ncodebook: y\n", "bad.yaml:2: invalid YAML: column 1: duplicate key 'codebook'"),
    ("a: [1, 2\nb: 3\n", "bad.yaml:2: invalid YAML: column 2: "),
    ("a: 'ok'\nb: \x07\n", "bad.yaml:2: invalid YAML: character U+0007 is not allowed in YAML"),
])
def test_yaml_errors_are_one_located_line(text, expected):
    with pytest.raises(CodebookError) as err:
        yamlio.loads(text, source="bad.yaml")
    assert str(err.value).startswith(expected), str(err.value)


# -- PETRARCH-format dictionaries: a typo is a located problem, never a crash -----------------
DICTIONARY_EDITS = st.lists(st.tuples(
    st.sampled_from(["actors", "agents", "verbs", "discards"]), st.integers(0, 10**6),
    st.sampled_from(["insert", "delete", "replace", "duplicate"]),
    st.one_of(st.sampled_from(["[", "]", "{", "}", "(", ")", "+", "-", "*", "&", "%", "~",
                               "---", "<!--", "-->", "#", ";", "=", "!", "_", "[~", "~]",
                               "[ABC", "<950601]", "[X >]", "[:]", "[999:99X]", "\t", "é",
                               "\x00", " ", "\n"]),
              st.text(alphabet="[]{}()+-*&%~_!=<>:;# \tAZaz09", max_size=5))),
    min_size=1, max_size=6)


def dictionary_folder(source, folder, edits) -> None:
    """Copy a dictionary set to ``folder``, applying hypothesis' edits to its lines."""
    folder.mkdir()
    files = {kind: next(p for p in sorted(source.glob("*.txt")) if kind in p.name.lower())
             for kind in ("actors", "agents", "verbs", "discards")}
    lines = {kind: path.read_text(encoding="utf-8", errors="replace").splitlines()
             for kind, path in files.items()}
    for kind, at, how, chunk in edits:
        rows = lines[kind]
        row = at % max(len(rows), 1)
        text = rows[row] if rows else ""
        column = at % (len(text) + 1)
        if how == "insert":
            rows[row:row + 1] = [text[:column] + chunk + text[column:]]
        elif how == "delete":
            rows[row:row + 1] = [text[:column] + text[column + len(chunk) + 1:]]
        elif how == "replace":
            rows[row:row + 1] = [chunk]
        else:
            rows.insert(row, text)
    for kind, path in files.items():
        (folder / path.name).write_text("\n".join(lines[kind]) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def bare_engine(nlp):
    """One engine whose codebook each example swaps in (building an Engine re-reads every
    registered codebook's head, too slow to do per example)."""
    from eventcoder import Engine
    return Engine([], nlp=nlp, strict=True)


@settings(FILE_SETTINGS, max_examples=max(10, settings().max_examples // 4))
@given(edits=DICTIONARY_EDITS)
def test_mistyped_petrarch_dictionaries_load_with_located_problems(shared_data, tmp_path_factory,
                                                                  bare_engine, edits):
    petrarch = pytest.importorskip("eventcoder_cameo.petrarch")
    folder = tmp_path_factory.mktemp("dicts") / "petrarch"
    dictionary_folder(shared_data / "dictionaries" / "petrarch-validate", folder, edits)
    try:
        book = petrarch.load_dictionaries(folder)
    except CodebookError as err:
        assert all(p.file for p in err.problems), str(err)
        return
    for problem in book.problems:
        assert problem.file and problem.line, problem
        assert "\n" not in str(problem), repr(str(problem))
    book.prepare(bare_engine.nlp)
    bare_engine.codebooks = [book]
    texts = ["Arnor attacked Gondor.", "The Gondor army accused Mordor of lying on Monday.",
             "Smeagol visited Minas Tirith and gave money to Gondor soldiers."]
    results = list(bare_engine.results(Document(str(i), t, date="2000-01-01")
                                  for i, t in enumerate(texts)))
    assert [r.problems for r in results] == [[]] * len(texts)
