"""Vocabulary left in Python: string literals in lists, sets, tuples and dicts of 3+ strings.

Issue 12's acceptance measure for the ACLED plugin (at most ~120). A list, set or tuple
literal counts when three or more of its elements are string constants, and then counts each
of them; a dict literal counts its string keys and values the same way. Literals nested in
another literal are judged on their own. Prints one line per file that holds any, then the
total.

    python benchmarks/literal_count.py [PATH ...]   # default: plugins/eventcoder_acled
"""
from __future__ import annotations

import argparse
import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO / "plugins" / "eventcoder_acled"
MINIMUM = 3


def _strings(nodes) -> int:
    return sum(isinstance(n, ast.Constant) and isinstance(n.value, str) for n in nodes)


def count_source(source: str, name: str = "<source>") -> int:
    """String constants in the collection literals of one module's source."""
    total = 0
    for node in ast.walk(ast.parse(source, name)):
        if isinstance(node, (ast.List, ast.Set, ast.Tuple)):
            found = _strings(node.elts)
        elif isinstance(node, ast.Dict):
            found = _strings([k for k in node.keys if k is not None]) + _strings(node.values)
        else:
            continue
        if found >= MINIMUM:
            total += found
    return total


def count_paths(paths: list[Path]) -> dict[str, int]:
    """Count per ``.py`` file under each path (a file or a directory), by path."""
    counts = {}
    for path in paths:
        for file in sorted([path] if path.is_file() else path.rglob("*.py")):
            counts[str(file.relative_to(REPO) if file.is_relative_to(REPO) else file)] = (
                count_source(file.read_text(encoding="utf-8"), str(file)))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[DEFAULT],
                        help="files or directories of .py files (default: the ACLED plugin)")
    args = parser.parse_args()
    counts = count_paths([p.resolve() for p in args.paths])
    for name, found in counts.items():
        if found:
            print(f"{found:5d}  {name}")
    print(f"{sum(counts.values()):5d}  total ({len(counts)} files)")


if __name__ == "__main__":
    main()
