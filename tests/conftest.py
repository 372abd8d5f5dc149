import os
import shutil
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KNEE = ROOT / "tests" / "leaflets" / "knee-muscle-spasms.yaml"  # a frozen copy of the article, never content.yaml

VALID = textwrap.dedent("""\
    meta:
      title: Test leaflet
      slug: test-leaflet
      language: en-US
      version: "1.0"
      last_reviewed: 2026-01-10
      next_review: 2099-01-10
      reviewer: Dr Test
      sources:
        - title: A source
    clinic:
      name: Test Clinic
      phone: "555 0100"
      emergency: "911"
    key_messages:
      - Call us on {{ clinic.phone }} if you are worried.
    sections:
      - title: First section
        slide_points: [One point]
        blocks:
          - paragraph: You can read this.
          - callout:
              kind: get_help
              title: Get help
              items: [Call us.]
    """)


@pytest.fixture
def write(tmp_path):
    """Write a content file into a fresh folder and return its path."""
    def _write(text: str, name: str = "content.yaml", raw: bytes | None = None) -> Path:
        path = tmp_path / name
        if raw is not None:
            path.write_bytes(raw)
        else:
            path.write_text(text, encoding="utf-8")
        return path
    return _write


def require_tool(name: str):
    """Skip with a visible reason when a real client is missing, unless CI says it is required."""
    if shutil.which(name):
        return
    if os.environ.get("HANDOUTS_REQUIRE_TOOLS"):
        pytest.fail(f"{name} is required in CI (HANDOUTS_REQUIRE_TOOLS is set) but not installed")
    pytest.skip(f"{name} is not installed; install it (apt-get) to run this check")


# Hypothesis: few examples so the suite stays fast, and derandomized everywhere (examples come from
# a fixed seed, with no example database), so every run of the suite, on any machine, tries the
# same documents. No deadline: speed is measured in bench/, never by a test.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("dev", max_examples=12, deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                                 HealthCheck.data_too_large])
settings.register_profile("ci", parent=settings.get_profile("dev"), print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
