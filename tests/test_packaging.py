"""The wheel carries the engine, the bundled plugins, the codebook data and the entry points."""
import subprocess
import sys
import zipfile

import pytest

from eventcoder.plugins import make_plugin_manager
from eventcoder.formats import registered_outputs
from eventcoder.registry import CodebookRegistry


@pytest.mark.slow
def test_wheel_contents(tmp_path):
    root = __import__("pathlib").Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path), str(root)], check=True)
    wheel = next(tmp_path.glob("eventcoder-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for expected in ("eventcoder/schemas/event.schema.json",
                     "eventcoder/schemas/codebook.schema.json",
                     "eventcoder/schemas/trained-model.schema.json",
                     "eventcoder_cameo/__init__.py", "eventcoder_acled/__init__.py",
                     "eventcoder_acled/places/lookup.py",
                     "eventcoder_codebooks/acled/rules.yaml",
                     "eventcoder_codebooks/acled/lexicon.schema.json",
                     "eventcoder_codebooks/__init__.py"):
        assert expected in names, expected
    assert any(n.startswith("eventcoder_codebooks/cameo/") and n.endswith(".yaml") for n in names)
    assert any(n.startswith("eventcoder_codebooks/acled/") and n.endswith(".yaml") for n in names)
    assert not any(n.startswith(("plugins/", "codebooks/", "tests/")) for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "cameo = eventcoder_cameo" in text and "acled = eventcoder_acled" in text


def test_registration_snapshot():
    pm = make_plugin_manager(entrypoints=False)
    assert {"cameo", "acled"} <= {r.id for r in CodebookRegistry(pm).refs()}
    assert {"jsonl", "csv", "parquet"} <= set(registered_outputs(pm))
