"""A damaged font in the cache (a disk that filled while it was written, a stray edit) is made
again, not trusted: the leaflet still builds, and the cache holds a whole font afterwards. The
cache is found through XDG_CACHE_HOME, so the tests point it at a fresh folder."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT

from handouts.render.pdf.fonts import _whole

VIETNAMESE = ROOT / "tests" / "leaflets" / "languages" / "vi.yaml"


def _pdf(cache, out):
    return subprocess.run([sys.executable, str(ROOT / "generate.py"), "pdf", str(VIETNAMESE), "-o", str(out),
                           "--layout", "leaflet"], capture_output=True, text=True,
                          env={**os.environ, "XDG_CACHE_HOME": str(cache)})


def test_a_truncated_or_damaged_cached_font_is_made_again(tmp_path):
    cache = tmp_path / "cache"
    first = _pdf(cache, tmp_path / "out1")
    assert first.returncode == 0, first.stderr
    fonts = sorted((cache / "handouts" / "fonts").glob("*.ttf"))
    assert fonts, "the Vietnamese leaflet's fonts are instanced and cached"
    whole = {path: path.read_bytes() for path in fonts}
    for i, path in enumerate(fonts):  # half cut short, half with a byte changed in the middle
        data = whole[path]
        path.write_bytes(data[:len(data) // 3] if i % 2 == 0 else
                         data[:len(data) // 2] + bytes([data[len(data) // 2] ^ 0xFF]) + data[len(data) // 2 + 1:])
    second = _pdf(cache, tmp_path / "out2")
    assert second.returncode == 0, second.stderr
    assert "internal error" not in second.stderr and "unpack requires" not in second.stderr
    for path, data in whole.items():  # made again: whole, and as long as before (only its date differs)
        assert len(path.read_bytes()) == len(data) and _whole(path), path.name
    assert any((tmp_path / "out2").glob("*.pdf"))
