"""Safe output: a lock per output folder, and nothing half-written."""

import threading

import pytest
from click.testing import CliRunner
from conftest import KNEE

from handouts.cli import main
from handouts.errors import ContentError
from handouts.render import commit, output


def test_second_run_into_a_locked_folder_waits_then_stops_clearly(tmp_path, monkeypatch):
    monkeypatch.setattr(output, "LOCK_WAIT_SECONDS", 0.3)
    out = tmp_path / "out"
    with output.folder_lock(out):
        result = CliRunner().invoke(main, ["pdf", str(KNEE), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{out}: another handouts run is writing into this folder "
        "(hint: wait for it to finish, then run the command again)")
    assert not list(out.glob("*.pdf"))


def test_the_second_run_goes_ahead_once_the_first_is_done(tmp_path, monkeypatch):
    monkeypatch.setattr(output, "LOCK_WAIT_SECONDS", 120)  # a backstop: the holder lets go after 1 s
    out = tmp_path / "out"
    release = threading.Event()

    def hold():
        with output.folder_lock(out):
            release.wait(1.0)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        result = CliRunner().invoke(main, ["pdf", str(KNEE), "-o", str(out)])
    finally:
        release.set()
        holder.join()
    assert result.exit_code == 0, result.output
    assert (out / "knee-muscle-spasms.pdf").exists()


def test_verify_failure_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "doc.pdf"
    target.write_bytes(b"old good file")
    staging = commit.Commit(tmp_path)

    def full_disk(fd, data):
        raise OSError(28, "No space left on device")

    with pytest.raises(ContentError) as info, pytest.MonkeyPatch.context() as patch:
        patch.setattr(commit.os, "write", full_disk)
        try:
            staging.stage("doc.pdf", b"half a fi")
        finally:
            staging.discard()
    assert str(info.value.problems[0]).endswith(
        "doc.pdf: cannot write the file (No space left on device) "
        "(hint: check there is room on the disk and that the folder can be written to)")
    assert target.read_bytes() == b"old good file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.pdf"]


def _files(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_broken_leaflet_never_blocks_a_good_one(write, tmp_path):
    from conftest import VALID

    good = write(VALID, "good.yaml")
    bad = write(VALID.replace("slug: test-leaflet", "slug: other").replace("You can read this.",
                                                                          "You can read this \U0001F9B5 now."),
                "bad.yaml")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["pdf", str(good), str(bad), "-o", str(out)])
    assert result.exit_code == 1
    assert "no glyph for U+1F9B5" in result.stderr
    assert f"{bad}: 1 problem found; nothing was written for it." in result.stderr.splitlines()
    assert _files(out) == [".handouts-manifest.json", "test-leaflet.pdf"]
    assert result.stdout.splitlines() == [f"{out}/test-leaflet.pdf"]


def test_all_writes_nothing_when_the_deck_cannot_be_planned(write, tmp_path):
    from conftest import VALID

    title = " ".join(["Extraordinarilylongwordthatgoesonandon"] * 5)
    path = write(VALID.replace("title: First section", f"title: {title}"))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["all", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert "does not fit in two lines" in result.stderr
    assert _files(out) == []


def test_all_applies_the_large_print_checks(write, tmp_path):
    from conftest import ROOT, VALID

    theme = tmp_path / "small.yaml"
    theme.write_text(f'parent: {ROOT / "templates" / "theme.yaml"}\nprofiles:\n  large-print:\n'
                     '    body_size: 14\n    leading: 1.5\n    margin_mm: 20\n')
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["all", str(write(VALID)), "--theme", str(theme), "-o", str(out)])
    assert result.exit_code == 1
    assert "body text is 14 pt; large-print needs at least 18 pt" in result.stderr
    assert _files(out) == []


def test_two_leaflets_with_one_slug_are_refused(write, tmp_path):
    from conftest import VALID

    a = write(VALID, "a.yaml")
    b = write(VALID.replace("title: Test leaflet", "title: Other leaflet"), "b.yaml")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["pdf", str(a), str(b), "-o", str(out)])
    assert result.exit_code == 1
    messages = [line for line in result.stderr.splitlines() if "meta.slug" in line]
    assert messages == [
        f"{where}:3:9: meta.slug: two leaflets would write the same file {out}/test-leaflet.pdf "
        f"(hint: give each leaflet its own meta.slug (the other is {other}))" for where, other in ((a, b), (b, a))]
    assert result.stderr.splitlines()[-1] == "0 built, 0 unchanged, 2 failed, 0 expired."
    assert not out.exists()


def test_a_failed_run_does_not_even_create_the_folder(write, tmp_path):
    from conftest import VALID

    out = tmp_path / "new" / "folder"
    bad = write(VALID.replace("You can read this.", "You can read this \U0001F9B5 now."))
    result = CliRunner().invoke(main, ["pdf", str(bad), "-o", str(out)])
    assert result.exit_code == 1
    assert not out.exists()


def test_temporaries_of_a_killed_run_are_cleared_by_the_next(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".knee-muscle-spasms.pdf.abc123.tmp").write_bytes(b"half a file (an earlier version's name)")
    (out / ".handouts-new-0a1b2c3d-knee-muscle-spasms.pdf").write_bytes(b"half a file")
    (out / ".handouts-old-0a1b2c3d-knee-muscle-spasms.pdf").write_bytes(b"a backup whose run finished")
    (out / ".handouts-journal.tmp").write_bytes(b'{"vers')
    result = CliRunner().invoke(main, ["pdf", str(KNEE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [".handouts-manifest.json", "knee-muscle-spasms.pdf"]


def test_an_unwritable_destination_gives_a_message_not_a_traceback(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "knee-muscle-spasms.pdf").mkdir()  # a folder where the file should go
    result = CliRunner().invoke(main, ["pdf", str(KNEE), "-o", str(out)])
    assert result.exit_code == 1
    assert "the output path exists and is not a regular file" in result.stderr
    assert "Traceback" not in result.output


def test_folders_and_links_named_like_temporaries_are_left_alone(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".handouts-new-0a1b2c3d-notes").mkdir()
    (out / ".knee-muscle-spasms.pdf.x.tmp").mkdir()
    (tmp_path / "mine.txt").write_text("not the tool's to delete")
    (out / ".handouts-old-0a1b2c3d-mine.txt").symlink_to(tmp_path / "mine.txt")
    result = CliRunner().invoke(main, ["pdf", str(KNEE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [".handouts-manifest.json", ".handouts-new-0a1b2c3d-notes",
                                                     ".handouts-old-0a1b2c3d-mine.txt",
                                                     ".knee-muscle-spasms.pdf.x.tmp", "knee-muscle-spasms.pdf"]
    assert (tmp_path / "mine.txt").read_text() == "not the tool's to delete"
