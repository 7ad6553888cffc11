"""Hostile and broken input: each case gives one clear message naming file, line and field,
and the other documents of the batch are still coded and written."""
from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder import CodebookError, RuleCodebook, yamlio
from eventcoder import cli as cli_module
from small_book import GOOD, SMALL_BOOK

pytestmark = pytest.mark.usefixtures("session_model")  # CLI engines share the pipeline



@pytest.fixture
def good(tmp_path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


ARREST_BOOK = SMALL_BOOK + '  - {code: "173", verbs: [arrest]}\n'


def code(*inputs, codebook=None, extra=()):
    """Run `eventcoder code INPUTS -o out.jsonl` (with a small codebook: loading is quick);
    return (result, doc ids written, stderr lines)."""
    folder = Path(str(inputs[0])).parent
    if codebook is None:
        codebook = folder / "small.codebook.yaml"
        codebook.write_text(ARREST_BOOK, encoding="utf-8")
    out = folder / "out.jsonl"
    result = CliRunner().invoke(cli_module.cli, ["code", *map(str, inputs), "-c", str(codebook),
                                                 "-o", str(out), "--quiet", *extra])
    written = ({json.loads(line)["text_info"]["doc_id"]
                for line in out.read_text(encoding="utf-8").splitlines()}
               if out.exists() else None)
    return result, written, result.stderr.splitlines()


@pytest.mark.model  # loads the real pipeline itself
def test_binary_file(tmp_path, good):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result, written, errors = code(binary, good)
    assert f"eventcoder: {binary}: binary file (contains NUL bytes), not text" in errors
    assert written == {"good"} and result.exit_code == 1


@pytest.mark.model  # loads the real pipeline itself
def test_wrong_encoding_text_file(tmp_path, good):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Café owners said police attacked protesters.".encode("latin-1"))
    result, written, errors = code(latin, good)
    assert (f"eventcoder: {latin}:1: not UTF-8: byte 0xe9 at offset 3; convert it with "
            "iconv -f <encoding> -t utf-8") in errors
    assert written == {"good"} and result.exit_code == 1


@pytest.mark.model  # loads the real pipeline itself
def test_wrong_encoding_line_in_jsonl(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_bytes(b'{"id": "a", "text": "Pakistani troops attacked India."}\n'
                       b'{"id": "b", "text": "Caf\xe9 owners attacked."}\n'
                       b'{"id": "c", "text": "Indian police arrested protesters."}\n')
    result, written, errors = code(corpus)
    assert f"eventcoder: {corpus}:2: not UTF-8: byte 0xe9 at column 25" in errors
    assert written == {"a", "c"} and result.exit_code == 1


@pytest.mark.model  # loads the real pipeline itself
@pytest.mark.parametrize("line, message", [
    ('{"id": "b", "text": ', "invalid JSON: Expecting value (column 21)"),
    ('["a list"]', "expected a JSON object"),
    ('{"id": "b"}', "text: missing or not a string"),
    ('{"id": "b", "text": 42}', "text: expected a string, got int"),
    ('{"id": "b", "text": "x", "date": 2024}', "date: expected a string, got int"),
    ('{"id": "b", "text": "Broken \\ud83d emoji"}',
     "text: holds a lone surrogate (a broken \\ud800-\\udfff escape), which is not valid Unicode"),
    ('{"id": "b", "text": "x", "desk": "\\udc00"}',
     "desk: holds a lone surrogate (a broken \\ud800-\\udfff escape), which is not valid Unicode"),
], ids=["truncated", "not-object", "no-text", "text-number", "date-number", "surrogate-text",
        "surrogate-meta"])
def test_malformed_jsonl_line(tmp_path, line, message):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "a", "text": "Pakistani troops attacked India."}\n' + line + "\n"
                      '{"id": "c", "text": "Indian police arrested protesters."}\n',
                      encoding="utf-8")
    result, written, errors = code(corpus)
    assert f"eventcoder: {corpus}:2: {message}" in errors
    assert written == {"a", "c"} and result.exit_code == 1


@pytest.mark.model  # loads the real pipeline itself
def test_csv_without_text_column(tmp_path, good):
    table = tmp_path / "articles.csv"
    table.write_text("id,body\n1,Pakistani troops attacked India.\n", encoding="utf-8")
    result, written, errors = code(table, good)
    assert f"eventcoder: {table}:1: text: no 'text' column (columns: 'id', 'body')" in errors
    assert written == {"good"} and result.exit_code == 1


@pytest.mark.model  # loads the real pipeline itself
def test_csv_row_with_extra_cells_and_multiline_records(tmp_path):
    table = tmp_path / "articles.csv"
    table.write_text('id,text\na,"Pakistani troops\nattacked India."\nb,"x",surplus\n'
                     'c,Indian police arrested protesters.\n', encoding="utf-8")
    result, written, errors = code(table)
    assert f"eventcoder: {table}:4: more cells than header columns" in errors
    assert written == {"a", "c"} and result.exit_code == 1


@pytest.mark.model  # loads the real pipeline itself
def test_missing_file(tmp_path, good):
    missing = tmp_path / "nowhere.jsonl"
    result, written, errors = code(missing, good)
    assert f"eventcoder: {missing}: no such file" in errors
    assert written == {"good"} and result.exit_code == 1


@pytest.mark.model  # loads the real pipeline itself
def test_empty_corpus_file_and_folder(tmp_path, good):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    blank = tmp_path / "blank.csv"
    blank.write_text("id,text\n")
    folder = tmp_path / "nothing"
    folder.mkdir()
    result, written, errors = code(empty, blank, folder, good)
    assert f"eventcoder: {empty}: no documents: the file holds no records" in errors
    assert f"eventcoder: {blank}: no documents: the file holds no records" in errors
    assert f"eventcoder: {folder}: folder holds no readable input files" in errors
    assert written == {"good"} and result.exit_code == 1


@pytest.mark.model  # loads the real pipeline itself
def test_truncated_gzip(tmp_path, good):
    packed = tmp_path / "corpus.jsonl.gz"
    data = gzip.compress(b"".join(
        json.dumps({"id": f"n{i}", "text": GOOD}).encode() + b"\n" for i in range(200)))
    packed.write_bytes(data[: len(data) // 2])
    result, written, errors = code(packed, good)
    assert any(line.startswith(f"eventcoder: {packed}:") and "unreadable after line" in line
               for line in errors), errors
    assert "good" in written and "n0" in written and result.exit_code == 1


# -- codebooks -------------------------------------------------------------------------------
BOOK = """codebook: mine
version: "1"
events:
  - code: "190"
    verbs: [attack]
  - code: "042"
    patterns:
      - - {RIGHT_ID: action, RIGHT_ATTRS: {LEMMA: visit}}
        - {LEFT_ID: action, REL_OP: ">", RIGHT_ID: actor, RIGHT_ATTRS: {DEP: nsubj}}
"""


@pytest.mark.parametrize("old, new, expected", [
    ("{LEMMA: visit}", "{LEMMA: {REGEX: '(visit'}}",
     "events[1].patterns[0][0].RIGHT_ATTRS.LEMMA.REGEX: invalid regular expression '(visit': "
     "missing ), unterminated subpattern at position 0; expected a Python regular expression "
     "(event code '042')"),
    ('REL_OP: ">"', 'REL_OP: "=>"',
     "events[1].patterns[0][1].REL_OP: '=>' is not a dependency operator; expected one of "
     "< > << >> . .* ; ;* $+ $- $++ $-- >+ >- >++ >-- <+ <- <++ <-- (event code '042')"),
    ("LEFT_ID: action", "LEFT_ID: acton",
     "events[1].patterns[0][1].LEFT_ID: 'acton' names no earlier node; expected one of "
     "'action' (event code '042')"),
    ("RIGHT_ID: action, RIGHT_ATTRS: {LEMMA: visit}", "RIGHT_ID: verb, RIGHT_ATTRS: {LEMMA: visit}",
     "events[1].patterns[0][1].LEFT_ID: 'action' names no earlier node; expected one of "
     "'verb' (event code '042')"),
    ("{LEMMA: visit}", "{LEMA: visit}",
     "events[1].patterns[0][0].RIGHT_ATTRS.LEMA: unknown token attribute; expected one such "
     "as LEMMA, LOWER, TEXT, POS, TAG, DEP, ENT_TYPE, IS_ALPHA or _ (event code '042')"),
    ('code: "042"', 'code: "190"',
     "events[1].code: duplicate code '190' (also events[0])"),
    ("verbs: [attack]", "verb: [attack]",
     "events[0]: unknown key(s) 'verb'; allowed: code, label, description, verbs, nouns, "),
    ('version: "1"', 'version: "1"\nlabels: x',
     "(top level): unknown key(s) 'labels'; allowed: $schema, codebook, version, label, "),
    ("verbs: [attack]", "verbs: attack",
     "events[0].verbs: 'attack': of type 'array' (event code '190')"),
    ("verbs: [attack]", "verbs: ['  ']",
     "events[0].verbs[0]: '  ': expected a verb lemma first, e.g. 'attack' or 'accuse * of' "
     "(event code '190')"),
    ("verbs: [attack]", "verbs: [attack]\n    fields: {actor: x}",
     "events[0].fields.actor: 'actor' is a core event field; expected a name of the "
     "codebook's own (event code '190')"),
], ids=["bad-regex", "bad-rel-op", "unknown-left-id", "no-action-node", "unknown-attribute",
        "duplicate-code", "unknown-event-key", "unknown-top-key", "wrong-type", "blank-verb",
        "core-field"])
def test_codebook_errors_name_file_event_pattern_and_expectation(tmp_path, good, old, new,
                                                                   expected):
    book = tmp_path / "mybook.codebook.yaml"
    assert old in BOOK
    book.write_text(BOOK.replace(old, new, 1), encoding="utf-8")
    result = CliRunner().invoke(cli_module.cli, ["validate", str(book)])
    assert result.exit_code == 1
    assert f"{book}: {expected}" in result.output
    result, written, _ = code(good, codebook=str(book))
    assert result.exit_code == 1 and f"{book}: {expected}" in result.output
    assert written is None, "no output file when the codebook cannot load"


@pytest.mark.parametrize("content, expected", [
    (b"codebook: x\n\x00\x01", ":2: invalid YAML: character U+0000 is not allowed in YAML"),
    (b"codebook: caf\xe9\n", ":1: not UTF-8 text: byte 0xe9 at offset 13; save the file as UTF-8"),
    (b"codebook: x\n  version: 1\n", ":2: invalid YAML: column 10: mapping values are not "
                                     "allowed"),  # "here" or "in this context" (libyaml)
    (b"- just\n- a list\n", ": a codebook file must be a mapping with codebook, version and "
                            "events"),
    (b"", ": a codebook file must be a mapping with codebook, version and events"),
], ids=["control-chars", "latin-1", "bad-indent", "list", "empty"])
def test_broken_codebook_files(tmp_path, content, expected):
    book = tmp_path / "broken.codebook.yaml"
    book.write_bytes(content)
    result = CliRunner().invoke(cli_module.cli, ["validate", str(book)])
    assert result.exit_code == 1
    assert f"{book}{expected}" in result.output


def test_codebook_that_is_missing_or_a_folder(tmp_path):
    with pytest.raises(CodebookError, match=r"nowhere\.yaml: file not found$"):
        RuleCodebook.from_yaml(tmp_path / "nowhere.yaml")
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    with pytest.raises(CodebookError, match=r"folder\.yaml: cannot read: Is a directory$"):
        RuleCodebook.from_yaml(folder)


def billion_laughs(levels: int, width: int) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("levels, width, expected", [
    (10, 12, "bomb.yaml:10: invalid YAML: column 30: more than 100 aliases (*name); a "
             "codebook needs few, and an anchor bomb is refused"),
    (8, 7, "bomb.yaml: invalid YAML: aliases expand to more than 2000000 nodes"),
    (40, 2, "bomb.yaml: invalid YAML: aliases expand to more than 2000000 nodes"),
], ids=["billion-laughs", "few-aliases-wide", "few-aliases-deep"])
def test_yaml_anchor_bombs_are_refused_in_bounded_time(levels, width, expected):
    start = time.perf_counter()
    with pytest.raises(CodebookError) as err:
        yamlio.loads(billion_laughs(levels, width), source="bomb.yaml")
    assert str(err.value) == expected
    assert time.perf_counter() - start < 2.0


def test_deep_nesting_is_refused_not_a_crash():
    start = time.perf_counter()
    with pytest.raises(CodebookError, match=r"^deep\.yaml(:1)?: invalid YAML"):
        yamlio.loads("[" * 100_000 + "]" * 100_000, source="deep.yaml")
    assert time.perf_counter() - start < 5.0
