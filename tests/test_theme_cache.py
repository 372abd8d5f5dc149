"""The theme cache: a hit gives the same theme as a full read, and any change to what the theme
depends on is a miss."""

import json

import pytest

from handouts import theme as theme_module
from handouts import theme_cache
from handouts.errors import ContentError
from handouts.theme import load_theme

from conftest import ROOT

DEFAULT = ROOT / "templates" / "theme.yaml"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder / "handouts"


def refuse_parsing(*_args, **_kwargs):
    """Stands in for the YAML parser: a theme that still loads must have come from the cache."""
    raise AssertionError("the theme file was parsed")


def child_theme(tmp_path, colors: str = '  ink: "#202020"\n'):
    path = tmp_path / "clinic.yaml"
    path.write_text(f"parent: {DEFAULT}\ncolors:\n{colors}", encoding="utf-8")
    return path


def test_a_second_load_comes_from_the_cache_and_equals_a_full_read(cache, monkeypatch):
    first = load_theme()
    assert len(list(cache.glob("theme-*.json"))) == 1
    monkeypatch.setattr(theme_module, "parse", refuse_parsing)
    second = load_theme()
    assert second == first
    assert second.styles["body"].size == 14.0 and second.colors["primary"] == "#0B5563"


def test_editing_the_theme_is_seen(cache, tmp_path):
    path = child_theme(tmp_path)
    assert load_theme(path).colors["ink"] == "#202020"
    path.write_text(path.read_text().replace("#202020", "#101010"))
    assert load_theme(path).colors["ink"] == "#101010"


def test_editing_the_parent_is_seen(cache, tmp_path):
    parent = tmp_path / "parent.yaml"
    parent.write_text(DEFAULT.read_text(encoding="utf-8"), encoding="utf-8")
    child = tmp_path / "child.yaml"
    child.write_text("parent: parent.yaml\nname: Child\n", encoding="utf-8")
    assert load_theme(child).colors["tip"] == "#1D6B35"
    parent.write_text(parent.read_text().replace("#1D6B35", "#1D6B36"))
    assert load_theme(child).colors["tip"] == "#1D6B36"


def test_a_theme_with_problems_is_never_stored(cache, tmp_path):
    path = child_theme(tmp_path, '  ink: "#12345"\n')
    for _ in range(2):  # the second run reports the same problem: nothing was stored to skip it
        with pytest.raises(ContentError) as info:
            load_theme(path)
        assert "clinic.yaml:3:8: colors.ink: '#12345' is not a valid colour" in str(info.value)
    assert not list(cache.glob("theme-*.json"))


@pytest.mark.parametrize("damage", ["{not json", '{"files": [], "fonts": [], "theme": {"name": "x"}}'])
def test_a_damaged_entry_is_ignored_and_replaced(cache, damage):
    expected = load_theme()
    (entry,) = cache.glob("theme-*.json")
    entry.write_text(damage, encoding="utf-8")
    assert load_theme() == expected
    assert json.loads(entry.read_text(encoding="utf-8"))["theme"]["name"] == expected.name


def test_a_hit_still_names_the_theme_file_as_seen_from_here(cache, tmp_path, monkeypatch):
    path = child_theme(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert load_theme(path).file == "clinic.yaml"
    monkeypatch.chdir(tmp_path.parent)
    monkeypatch.setattr(theme_module, "parse", refuse_parsing)
    assert load_theme(path).file == f"{tmp_path.name}/clinic.yaml"


def test_other_reading_code_is_a_miss(cache, monkeypatch):
    load_theme()
    assert theme_cache.get(DEFAULT) is not None
    monkeypatch.setattr(theme_cache, "code_fingerprint", lambda: "another version of the code")
    assert theme_cache.get(DEFAULT) is None


def test_a_parent_symlink_pointed_elsewhere_is_seen(cache, tmp_path):
    green = tmp_path / "green.yaml"
    green.write_text(f'parent: {DEFAULT}\ncolors:\n  tip: "#00AA00"\n', encoding="utf-8")
    (tmp_path / "brand.yaml").symlink_to(DEFAULT)
    child = tmp_path / "clinic.yaml"
    child.write_text("parent: brand.yaml\n", encoding="utf-8")
    assert load_theme(child).colors["tip"] == "#1D6B35"
    (tmp_path / "brand.yaml").unlink()
    (tmp_path / "brand.yaml").symlink_to(green)
    assert load_theme(child).colors["tip"] == "#00AA00"


def test_a_theme_saved_again_during_a_run_is_read_again_next_time(cache, tmp_path, monkeypatch):
    path = child_theme(tmp_path)
    real_put = theme_cache.put

    def edit_then_put(*args):
        path.write_text(path.read_text().replace("#202020", "#101010"))
        real_put(*args)

    monkeypatch.setattr(theme_cache, "put", edit_then_put)
    assert load_theme(path).colors["ink"] == "#202020"  # what this run read
    monkeypatch.setattr(theme_cache, "put", real_put)
    assert load_theme(path).colors["ink"] == "#101010"


def test_no_home_folder_means_no_cache(monkeypatch):
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.delenv("HOME", raising=False)

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(theme_cache.Path, "home", staticmethod(no_home))
    assert load_theme().name == "Handouts default"


def test_a_missing_font_file_is_a_miss(cache, monkeypatch):
    load_theme()
    (entry,) = cache.glob("theme-*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["fonts"] = ["/nonexistent/font.ttf"]
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert theme_cache.get(DEFAULT) is None


def test_an_unwritable_cache_folder_costs_nothing_but_time(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert load_theme().name == "Handouts default"
    assert load_theme().name == "Handouts default"


def test_the_cache_can_be_turned_off(cache, monkeypatch):
    monkeypatch.setenv("HANDOUTS_NO_CACHE", "1")
    load_theme()
    assert not cache.exists()
