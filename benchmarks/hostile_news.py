"""Scraped-news shaped corpus through ``eventcoder code --workers 2``: no traceback, every
good article written, every bad record located.

    python benchmarks/hostile_news.py                    # 233 articles, 3 pages of 1.2 MB
    python benchmarks/hostile_news.py --articles 40 --big-pages 1 --json

The articles are generated (no data needed): paragraphs joined by U+2029/U+2028/U+0085 as
scrapers leave them, page boilerplate (menus, share buttons, cookie banners), BOMs, zero
width and bidi marks, control characters, emoji, long unbroken runs (URLs, base64), and a
few pages of about 1.2 MB. Each good article holds one clear event sentence, so each must
appear in the output; three bad records (an object id, an impossible date, broken JSON)
must appear in the errors file with file and line.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEPARATORS = ["\u2029", "\u2028", "\u0085", "\n\n", "\r\n", "\u2029\u2029", "\x0b", "\x0c"]
BOILERPLATE = ["Home | World | Politics | Sport | Business | Opinion",
               "Share this article\u2028Facebook\u2028X\u2028WhatsApp\u2028Email",
               "We use cookies to improve your experience.\u00a0Accept\u00a0Reject",
               "Advertisement\u200b\u200b", "Read more: \u202bالأخبار\u202c \U0001F4F0",
               "\ufeffSubscribe to our newsletter", "\x07\x1b[0m Related stories \x00",
               "https://example.org/" + "a1b2c3d4" * 60,
               "data:image/png;base64," + "iVBORw0KGgoAAAANSUhEUgAA" * 80]
EVENTS = ["Pakistani troops attacked Indian soldiers in Kashmir on Monday.",
          "Kenyan police arrested dozens of protesters in Nairobi.",
          "Syrian rebels attacked an army base near Aleppo.",
          "Nigerian soldiers killed three militants in Borno state.",
          "The Ethiopian foreign minister met his Egyptian counterpart in Cairo."]
FILLER = ["Officials said the situation remained tense.",
          "Residents described hearing gunfire late into the night.",
          "The statement gave no further details.", "Talks are expected to resume next week.",
          "Prices rose 3.4% in the quarter, the bureau said."]


def article(rng: random.Random, index: int, size: int = 0) -> dict:
    parts = rng.sample(BOILERPLATE, 3) + [rng.choice(EVENTS)] + rng.sample(FILLER, 3)
    rng.shuffle(parts)
    text = "".join(p + rng.choice(SEPARATORS) for p in parts)
    while len(text) < size:  # a 1.2 MB page: the same kind of text, paragraph after paragraph
        text += rng.choice(FILLER + BOILERPLATE + EVENTS) + rng.choice(SEPARATORS)
    return {"id": f"news-{index:04d}", "text": text, "date": "2026-03-%02d" % (1 + index % 28),
            "source": "Synthetic Daily"}


def write_corpus(folder: Path, articles: int = 233, big_pages: int = 3,
                 big_chars: int = 1_200_000, seed: int = 17) -> tuple[Path, set[str]]:
    """The corpus file and the ids of its good articles."""
    rng = random.Random(seed)
    big = set(rng.sample(range(articles), big_pages))
    records = [article(rng, i, big_chars if i in big else 0) for i in range(articles)]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines.insert(5, json.dumps({"id": {"x": 1}, "text": EVENTS[0]}))
    lines.insert(9, json.dumps({"id": "bad-date", "text": EVENTS[1], "date": "2026-13-45"}))
    lines.insert(13, '{"id": "broken", "text": "unterminated')
    path = folder / "news.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + ("\n".join(lines) + "\n").encode("utf-8"))
    return path, {r["id"] for r in records}


def run(folder: Path, corpus: Path, codebook: str, workers: int) -> dict:
    out, errors = folder / "out.jsonl", folder / "errors.jsonl"
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "eventcoder", "code", str(corpus), "-c",
                           codebook, "-o", str(out), "--errors", str(errors), "--workers",
                           str(workers), "--quiet", "--partition-size", "20"],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    written = {json.loads(line)["text_info"]["doc_id"]
               for line in out.read_text(encoding="utf-8").split("\n") if line} if (
        out.exists()) else set()
    failures = [json.loads(line) for line in errors.read_text(encoding="utf-8").split("\n")
                if line] if errors.exists() else []
    return {"returncode": done.returncode, "traceback": "Traceback" in done.stderr,
            "stderr_tail": done.stderr[-400:], "seconds": round(seconds, 1),
            "written": written, "failures": failures}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=233)
    parser.add_argument("--big-pages", type=int, default=3)
    parser.add_argument("--big-chars", type=int, default=1_200_000)
    parser.add_argument("--codebook", default="cameo")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus, good = write_corpus(folder, args.articles, args.big_pages, args.big_chars)
        result = run(folder, corpus, args.codebook, args.workers)
        separators = sum(any(s in line for s in ("\u2028", "\u2029", "\u0085"))
                         for line in corpus.read_text(encoding="utf-8-sig").split("\n"))
        figures = {"articles": len(good), "with_separators": separators,
                   "megabytes": round(corpus.stat().st_size / 1e6, 1),
                   "returncode": result["returncode"], "traceback": result["traceback"],
                   "good_written": len(good & result["written"]),
                   "good_missing": sorted(good - result["written"])[:10],
                   "failures": [f"{f['origin']}: {f['reason']}" for f in result["failures"]],
                   "seconds": result["seconds"]}
    if args.json:
        print(json.dumps(figures, indent=1, ensure_ascii=False))
        return
    for key, value in figures.items():
        print(f"{key:16} {value}")


if __name__ == "__main__":
    main()
