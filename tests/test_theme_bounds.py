"""A theme's chains are walked in a loop with limits, never by recursion: 1,500 parent files,
1,500 styles in one chain and 10 chains of 900 styles each give one located message per chain,
quickly (the battery runs the same themes through the command, under its memory and CPU caps)."""

from __future__ import annotations

import pytest

from handouts.errors import ContentError
from handouts.theme.themes import LIMITS, load_theme


def _chains(chains: int, length: int) -> str:
    lines = ["parent: default", "styles:"]
    for c in range(chains):
        lines += [f"  c{c}s0: {{parent: body}}"] + [f"  c{c}s{i}: {{parent: c{c}s{i - 1}}}" for i in range(1, length)]
    return "\n".join(lines) + "\n"


def test_a_chain_of_1500_parent_files_stops_at_the_limit(tmp_path):
    (tmp_path / "theme.yaml").write_text("parent: t1.yaml\n")
    for i in range(1, 1500):
        (tmp_path / f"t{i}.yaml").write_text(f"parent: t{i + 1}.yaml\n")
    (tmp_path / "t1500.yaml").write_text("parent: default\n")
    with pytest.raises(ContentError) as info:
        load_theme(tmp_path / "theme.yaml")
    (problem,) = info.value.problems
    assert str(problem).startswith(f"{tmp_path / f't{LIMITS.parents}.yaml'}:1:9: parent: the chain of parent themes "
                                   f"is longer than {LIMITS.parents}; the limit is {LIMITS.parents}")


def test_ten_parents_are_fine(tmp_path):  # theme.yaml -> t1 ... t9 -> the built-in theme
    (tmp_path / "theme.yaml").write_text("parent: t1.yaml\n")
    for i in range(1, LIMITS.parents - 1):
        (tmp_path / f"t{i}.yaml").write_text(f"parent: t{i + 1}.yaml\n")
    (tmp_path / f"t{LIMITS.parents - 1}.yaml").write_text("parent: default\ncolors:\n  primary: '#5B2C83'\n")
    assert load_theme(tmp_path / "theme.yaml").colors["primary"] == "#5B2C83"


@pytest.mark.parametrize("chains, length", [(1, 1500), (10, 900)])
def test_long_style_chains_give_one_message_each(tmp_path, chains, length):
    (tmp_path / "theme.yaml").write_text(_chains(chains, length))
    with pytest.raises(ContentError) as info:
        load_theme(tmp_path / "theme.yaml")
    messages = [str(p) for p in info.value.problems]
    assert len(messages) == chains
    for c, message in enumerate(messages):
        assert f"styles.c{c}s9: style 'c{c}s9' has more than {LIMITS.style_parents} parent styles above it; " \
               f"the limit is {LIMITS.style_parents}" in message


def test_a_style_chain_within_the_limit_inherits_from_the_top(tmp_path):
    (tmp_path / "theme.yaml").write_text(_chains(1, 5).replace("c0s0: {parent: body}",
                                                               "c0s0: {parent: body, size: 31}"))
    theme = load_theme(tmp_path / "theme.yaml")
    assert theme.styles["c0s4"].size == 31
    assert theme.styles["c0s4"].leading == theme.styles["body"].leading


def test_a_style_loop_is_said_once_and_an_unknown_parent_at_its_place(tmp_path):
    (tmp_path / "theme.yaml").write_text("parent: default\nstyles:\n  a: {parent: b}\n  b: {parent: a}\n"
                                         "  c: {parent: nowhere}\n")
    with pytest.raises(ContentError) as info:
        load_theme(tmp_path / "theme.yaml")
    messages = " | ".join(str(p) for p in info.value.problems)
    assert "inherits from itself" in messages and "names unknown parent 'nowhere'" in messages
