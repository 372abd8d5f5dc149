"""A run stopped by SIGTERM or Ctrl-C (SIGINT) while it stages a file removes what it staged
before it exits: the output folder is left exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from conftest import ROOT, VALID

# The child runs the real command; its first fsync (a staged file, flushed) announces itself and
# waits, so the signal arrives while the file is being staged.
CHILD = textwrap.dedent("""\
    import os, sys, time
    sys.path.insert(0, {root!r})
    real = os.fsync
    def slow(fd, _real=real):
        if os.readlink(f"/proc/self/fd/{{fd}}").rsplit("/", 1)[-1].startswith(".handouts-new-"):
            open({marker!r}, "w").close()
            time.sleep(60)
        return _real(fd)
    os.fsync = slow
    from handouts.cli import main
    sys.argv[0] = "generate.py"
    main()
    """)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_while_staging_leaves_no_staged_file(tmp_path, signum):
    leaflet = tmp_path / "content.yaml"
    leaflet.write_text(VALID)
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("an earlier file\n")
    marker = tmp_path / "staging"
    script = tmp_path / "child.py"
    script.write_text(CHILD.format(root=str(ROOT), marker=str(marker)))
    proc = subprocess.Popen([sys.executable, str(script), "pdf", str(leaflet), "-o", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        while not marker.exists():
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.05)
        assert any(p.name.startswith(".handouts-new-") for p in out.iterdir())  # caught mid-staging
        proc.send_signal(signum)
        _, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode != 0
    assert "Traceback" not in stderr
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"], os.listdir(out)
