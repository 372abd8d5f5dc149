"""The product's own article: the one test that reads content.yaml, and only through `check`, the
way a nurse does. Its quality (reading level, length, the literacy checks, whether every layout fits)
is what `check` reports; `make handouts` runs the same check before it builds. The code's tests use
frozen copies under tests/leaflets/, so editing the article never breaks them."""

import subprocess
import sys

from conftest import ROOT


def test_the_article_passes_check_with_no_error():
    result = subprocess.run([sys.executable, "generate.py", "check", "content.yaml"], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "PASS: 1 file(s) checked, 0 error(s)" in result.stdout
