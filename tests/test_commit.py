"""The all-or-nothing commit: break it at every step, by an error or by killing the process, and
the output folder ends with every old file or every new one, and no hidden files, once the next
run has looked at it."""

import errno
import os
import signal
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner
from conftest import ROOT, VALID

from handouts.cli import main
from handouts.render import commit

OLD = {"a.pdf": b"old a", "b.pdf": b"old b", "c.pptx": b"old c"}
NEW = {"a.pdf": b"new a", "b.pdf": b"new b", "c.pptx": b"new c", "d.pdf": b"new d (no old file)"}
STEPS = ("link", "replace", "unlink")  # every call that changes a name in the folder


def state(folder) -> dict:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def old_folder(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir(parents=True)
    for name, data in OLD.items():
        (folder / name).write_bytes(data)
    (folder / "keep.txt").write_bytes(b"not part of the run")
    return folder


ALL_OLD = {**OLD, "keep.txt": b"not part of the run"}
ALL_NEW = {**NEW, "keep.txt": b"not part of the run"}


def run_commit(folder) -> list:
    commit.recover(folder)
    staging = commit.Commit(folder)
    try:
        for name, data in NEW.items():
            staging.stage(name, data)
        return staging.commit()
    finally:
        staging.discard()


def count_steps(tmp_path) -> int:
    """How many name-changing calls one commit makes, so every one of them can be broken."""
    calls = []
    real = {name: getattr(os, name) for name in STEPS}
    try:
        for name in STEPS:
            setattr(os, name, lambda *a, _f=real[name], **k: (calls.append(1), _f(*a, **k))[1])
        run_commit(old_folder(tmp_path / "count"))
    finally:
        for name in STEPS:
            setattr(os, name, real[name])
    return len(calls)


@pytest.fixture(scope="module")
def steps(tmp_path_factory):
    n = count_steps(tmp_path_factory.mktemp("steps"))
    assert n >= 10  # 3 backups, the journal, 4 renames, its removal, 3 backups removed
    return n


class Broken:
    """os.link, os.replace and os.unlink, with the k-th call among them failing once."""

    def __init__(self, k: int, error: OSError | None = None):
        self.k, self.error, self.calls = k, error or OSError(errno.EIO, "Input/output error"), 0

    def install(self, monkeypatch):
        for name in STEPS:
            real = getattr(os, name)

            def step(*args, _real=real, **kwargs):
                self.calls += 1
                if self.calls == self.k:
                    raise self.error
                return _real(*args, **kwargs)

            monkeypatch.setattr(os, name, step)


def test_an_error_at_any_step_leaves_all_old_or_all_new(tmp_path, monkeypatch, steps):
    for k in range(1, steps + 1):
        folder = old_folder(tmp_path / str(k))
        with monkeypatch.context() as patch:
            Broken(k).install(patch)
            try:
                run_commit(folder)
                failed = False
            except commit.Unfinished:
                pytest.fail(f"step {k}: an error in one step should be rolled back in the same run")
            except Exception as exc:
                failed = True
                assert "cannot write the file (Input/output error)" in str(exc), (k, exc)
        after = state(folder)
        # A failure before the journal is removed rolls back; one while removing backups is after
        # the commit, and only leaves a backup the next run removes.
        visible = {name: data for name, data in after.items() if not name.startswith(".")}
        assert (after == ALL_OLD) if failed else (visible == ALL_NEW), (k, failed, after)
        commit.recover(folder)
        assert state(folder) in (ALL_OLD, ALL_NEW), k
        run_commit(folder)
        assert state(folder) == ALL_NEW, k


KILLER = textwrap.dedent("""\
    import os, signal, sys
    sys.path[:0] = [{root!r}, {tests!r}]
    from pathlib import Path
    import test_commit
    k, calls = int(sys.argv[2]), [0]
    for name in test_commit.STEPS:
        real = getattr(os, name)
        def step(*args, _real=real, **kwargs):
            calls[0] += 1
            if calls[0] == k:
                os.kill(os.getpid(), signal.SIGKILL)
            return _real(*args, **kwargs)
        setattr(os, name, step)
    test_commit.run_commit(Path(sys.argv[1]))
    """)


def test_a_kill_at_any_step_is_put_right_by_the_next_run(tmp_path, steps):
    script = tmp_path / "killer.py"
    script.write_text(KILLER.format(root=str(ROOT), tests=str(ROOT / "tests")))
    outcomes = set()
    for k in range(1, steps + 1):
        folder = old_folder(tmp_path / str(k))
        proc = subprocess.run([sys.executable, str(script), str(folder), str(k)], capture_output=True, text=True)
        assert proc.returncode == -signal.SIGKILL, (k, proc.stderr)
        commit.recover(folder)  # what the next run does first, under the folder lock
        after = state(folder)
        assert after in (ALL_OLD, ALL_NEW), (k, sorted(after))
        outcomes.add("old" if after == ALL_OLD else "new")
        run_commit(folder)
        assert state(folder) == ALL_NEW, k
    assert outcomes == {"old", "new"}  # kills before the commit point and after it were both tried


def test_a_rollback_that_fails_is_finished_by_the_next_run(tmp_path, monkeypatch, steps):
    folder = old_folder(tmp_path)
    real_replace = os.replace
    calls = []

    def replace(src, dst, **kwargs):  # the third target fails, then so does putting one back
        calls.append(str(dst))
        if len(calls) in (4, 5):
            raise OSError(errno.EIO, "Input/output error")
        return real_replace(src, dst, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(commit.Unfinished):
        run_commit(folder)
    assert (folder / commit.JOURNAL).exists()
    monkeypatch.setattr(os, "replace", real_replace)
    commit.recover(folder)
    assert state(folder) == ALL_OLD


def test_a_damaged_journal_is_set_aside_with_a_note_and_trusted_for_nothing(tmp_path):
    folder = old_folder(tmp_path)
    (tmp_path / "passwd").write_bytes(b"not yours")
    (folder / commit.JOURNAL).write_text('{"version": 1, "entries": [{"target": "../passwd"}]}')
    notes = commit.recover(folder)
    assert [str(n) for n in notes] == [
        f"{folder}/.handouts-journal: note: an earlier run left a damaged journal; it was set aside and no file "
        f"it names was touched (hint: check the files in {folder})"]
    assert state(folder) == ALL_OLD
    assert (tmp_path / "passwd").read_bytes() == b"not yours"


def _planted(folder, target: str, **extra) -> None:
    """A journal written by someone else, naming a user's file with its true device and inode."""
    import json

    info = os.stat(folder / target)
    token = "0badc0de"
    entry = {"target": target, "new": f"{commit.NEW}{token}-{target}", "old": None,
             "dev": info.st_dev, "ino": info.st_ino, **extra}
    (folder / commit.JOURNAL).write_text(json.dumps({"version": 2, "token": token, "entries": [entry]}))


def test_a_planted_journal_deletes_no_user_file(tmp_path, write):
    leaflet = write(VALID)
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_bytes(b"my own notes")
    _planted(out, "notes.txt")
    result = CliRunner().invoke(main, ["all", str(leaflet), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "notes.txt").read_bytes() == b"my own notes"
    assert not (out / commit.JOURNAL).exists()


def test_a_planted_journal_with_a_planted_hidden_file_beside_it_still_deletes_nothing(tmp_path):
    folder = old_folder(tmp_path)
    (folder / "notes.txt").write_bytes(b"my own notes")
    _planted(folder, "notes.txt")
    (folder / f"{commit.NEW}0badc0de-notes.txt").write_bytes(b"a different file")  # not a second name of it
    commit.recover(folder)
    assert state(folder) == {**ALL_OLD, "notes.txt": b"my own notes"}


@pytest.mark.parametrize("name", [commit.JOURNAL, ".handouts-manifest.json"])
def test_a_journal_or_manifest_of_200000_brackets_is_treated_as_absent_with_a_note(tmp_path, write, name):
    leaflet = write(VALID)
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_bytes(b"my own notes")
    (out / name).write_text("[" * 200_000)
    result = CliRunner().invoke(main, ["pdf", str(leaflet), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output
    assert f"{out}/{name}: note: " in result.stderr and "damaged" in result.stderr
    assert (out / "test-leaflet.pdf").is_file() and (out / "notes.txt").read_bytes() == b"my own notes"
    again = CliRunner().invoke(main, ["pdf", str(leaflet), "-o", str(out)])
    assert again.exit_code == 0 and "note:" not in again.stderr  # written anew: said once


def test_a_target_turned_into_a_folder_mid_run_is_reported_and_the_rest_put_back(tmp_path, monkeypatch):
    folder = old_folder(tmp_path)
    real_replace = os.replace

    def replace(src, dst, **kwargs):
        if str(dst).endswith("b.pdf"):  # another process makes b.pdf a folder just before its rename
            os.unlink(dst)
            os.mkdir(dst)
        return real_replace(src, dst, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(commit.ContentError) as info:
        run_commit(folder)
    assert "b.pdf: cannot write the file" in str(info.value)
    assert (folder / "b.pdf").is_dir()  # not ours to remove
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == {
        k: v for k, v in ALL_OLD.items() if k != "b.pdf"}


def test_the_cli_says_nothing_was_written_and_means_it(tmp_path, monkeypatch, write):
    leaflet = write(VALID)
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["all", str(leaflet), "-o", str(out)]).exit_code == 0
    (out / "test-leaflet.pdf").write_bytes(b"an older leaflet")
    before = state(out)
    real_replace = os.replace
    calls = []

    def replace(src, dst, **kwargs):  # the journal, the first file, then the second fails
        calls.append(dst)
        if len(calls) == 3:
            raise OSError(errno.EIO, "Input/output error")
        return real_replace(src, dst, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    result = CliRunner().invoke(main, ["all", str(leaflet), "-o", str(out), "--force"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        f"{out}/test-leaflet-large-print.pdf: cannot write the file (Input/output error) "
        "(hint: check the folder and the file, then run the command again)",
        "1 problem found; nothing was written."]
    assert state(out) == before


def test_each_leaflet_of_a_library_is_its_own_commit(tmp_path, monkeypatch, write):
    first = write(VALID, "first.yaml")
    second = write(VALID.replace("slug: test-leaflet", "slug: second"), "second.yaml")
    out = tmp_path / "out"
    real_replace = os.replace
    calls = []

    def replace(src, dst, **kwargs):  # the first leaflet's journal (its new file is linked into place,
        calls.append(dst)               # having no earlier version); then the second's journal fails
        if len(calls) == 2:
            raise OSError(errno.EIO, "Input/output error")
        return real_replace(src, dst, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    result = CliRunner().invoke(main, ["pdf", str(first), str(second), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 1
    assert f"{out}/test-leaflet.pdf" in result.stdout.splitlines()
    assert result.stderr.splitlines()[-3:] == [
        f"{out}/.handouts-journal: cannot write the file (Input/output error) "
        "(hint: check there is room on the disk and that the folder can be written to)",
        f"{second}: 1 problem found; nothing was written for it.",
        "1 built, 0 unchanged, 1 failed, 0 expired."]
    assert sorted(p.name for p in out.iterdir()) == [".handouts-manifest.json", "test-leaflet.pdf"]
