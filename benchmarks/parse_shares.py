"""Parse shares: what a codebook's engine has spaCy run, on which sentences, at what cost.

On the texts of ``throughput.py`` (the gold mix): the tokens of each kind of sentence the
codebook's gate sees (a sentence holding one of its cues, one parsed only as context:
headline, the sentence after a cue, the rest of a text parsed whole, and one left
unparsed), then the CPU time of each pipeline component run stage by stage over the same
texts, for the bare pipeline (as loaded) and for the engine's (after the codebooks prepared
it: the attribute table, the lemmatizer by columns, added pipes), alternated ``--rounds``
times; each component's best time counts. It shows which component a gate or a cheaper
component could still save on these texts, and how much of the bare parse that is.

    python benchmarks/parse_shares.py --codebook acled --json
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from throughput import texts  # noqa: E402

from eventcoder.engine import Engine  # noqa: E402
from eventcoder.gate import WHOLE_SHARE, SentenceGate  # noqa: E402
from eventcoder.nlp import load_model  # noqa: E402

KINDS = ("cue", "context", "whole_text_rest", "unparsed")


def sentence_kinds(gate: SentenceGate, text: str) -> Counter:
    """Tokens of ``text`` by what the gate does with their sentence."""
    doc = gate.split(text)
    sents = list(doc.sents)
    need = gate.needed(doc)
    cue = {n for hits in gate.cue_sentences(doc) for n in hits}
    whole = any(need) and (sum(len(s.text_with_ws) for s, n in zip(sents, need) if n)
                           >= WHOLE_SHARE * len(text))
    tokens: Counter = Counter()
    for n, (sent, needed) in enumerate(zip(sents, need)):
        kind = ("cue" if n in cue else "context" if needed else "whole_text_rest" if whole
                else "unparsed")
        tokens[kind] += len(sent)
    return tokens


def component_seconds(nlp, batch: list[str], batch_size: int) -> dict[str, float]:
    """CPU seconds of each component of ``nlp`` over ``batch``, one stage at a time."""
    seconds = {}
    start = time.process_time()
    docs = [nlp.make_doc(text) for text in batch]
    seconds["tokenizer"] = time.process_time() - start
    for name, component in nlp.pipeline:
        start = time.process_time()
        docs = (list(component.pipe(docs, batch_size=batch_size))
                if hasattr(component, "pipe") else [component(doc) for doc in docs])
        seconds[name] = time.process_time() - start
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codebook", default="acled", help="codebook (default acled)")
    parser.add_argument("--texts", type=int, default=400, help="number of texts (default 400)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="alternated rounds; each component's fastest counts (default 3)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    batch = [record.text for record in texts(args.texts)]
    bare = load_model()
    engine = Engine([args.codebook], nlp=load_model(), strict=False, parse="candidates")
    tokens: Counter = Counter()
    if engine.gate is not None:
        for text in batch:
            tokens += sentence_kinds(engine.gate, text)
    best: dict[str, dict[str, float]] = {"bare": {}, "engine": {}}
    for nlp in (bare, engine.nlp):  # warm up: first calls fill caches
        component_seconds(nlp, batch[:16], engine.batch_size)
    for _ in range(args.rounds):
        for which, nlp in (("bare", bare), ("engine", engine.nlp)):
            for name, seconds in component_seconds(nlp, batch, engine.batch_size).items():
                best[which][name] = min(seconds, best[which].get(name, seconds))
    total = sum(best["bare"].values())
    report = {"codebook": args.codebook, "texts": len(batch),
              "tokens": {kind: tokens[kind] for kind in KINDS},
              "bare_cpu_seconds": round(total, 3),
              "components": {which: {name: {"cpu_seconds": round(s, 3),
                                            "of_bare": round(s / total, 3)}
                                     for name, s in found.items()}
                             for which, found in best.items()}}
    print(json.dumps(report) if args.json else human(report))
    return 0


def human(report: dict) -> str:
    tokens = report["tokens"]
    lines = [f"{report['codebook']}, {report['texts']} texts; tokens by sentence: "
             + ", ".join(f"{kind} {tokens[kind]}" for kind in KINDS),
             f"bare pipeline, every token: {report['bare_cpu_seconds']} s CPU"]
    for which, found in report["components"].items():
        lines.append(f"  {which}: " + ", ".join(
            f"{name} {fig['cpu_seconds']} s ({fig['of_bare']:.0%})" for name, fig in found.items()))
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
