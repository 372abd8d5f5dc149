"""The shape of the code: layers import the right way, every block kind has a handler everywhere,
and no renderer or model holds a word a reader sees (those live in templates/labels/)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from ruamel.yaml import YAML

PACKAGE = ROOT / "handouts"
WOUND = ROOT / "tests" / "leaflets" / "wound-care.yaml"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module a file imports, at any depth of the file (lazy imports count too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


def modules_under(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


def offending(paths, banned: tuple[str, ...]) -> list[str]:
    return [f"{module_name(p)} imports {name}" for p in paths for name in sorted(imports(p))
            if any(name == b or name.startswith(b + ".") for b in banned)]


RENDERERS = ("handouts.render.pdf", "handouts.render.deck", "reportlab", "pptx")


@pytest.mark.parametrize("layer,banned", [
    ("read", ("handouts.load", "handouts.theme", "handouts.model", "handouts.render", "handouts.review",
              "handouts.library", "handouts.cli", "reportlab", "pptx", "click")),
    ("load", ("handouts.render", "handouts.review", "handouts.cli", "reportlab", "pptx", "click")),
    ("model", ("handouts.render", "handouts.review", "handouts.load", "handouts.cli", "reportlab", "pptx", "click")),
    ("theme", ("handouts.load", "handouts.render", "handouts.review", "handouts.cli", "reportlab", "pptx", "click")),
    ("review", RENDERERS + ("handouts.cli", "click")),
    ("library", RENDERERS + ("handouts.cli", "click")),
    ("render/handout", ("reportlab", "pptx", "handouts.render.pdf", "handouts.render.deck", "click")),
    ("render/html", ("reportlab", "pptx", "handouts.render.pdf", "handouts.render.deck", "click")),
])
def test_layers_import_only_downwards(layer, banned):
    assert offending(modules_under(layer), banned) == []


# -- no cycles: every module imports alone, and the layers form a line -----------------------------

def all_modules() -> list[str]:
    return sorted(module_name(p) for p in PACKAGE.rglob("*.py"))


# Each module is imported in a child forked from an interpreter that has imported nothing of
# handouts, so no earlier import can hide a cycle (pytest itself imports the theme first). The
# libraries are imported once first: they cannot take part in a cycle of ours, and it saves time.
IMPORT_ALONE = """
import importlib, os, sys, traceback
for lib in ("reportlab.platypus", "pptx", "lxml.etree", "PIL.Image", "fontTools.ttLib", "uharfbuzz", "ruamel.yaml",
            "babel.dates", "jinja2", "click", "pikepdf", "bidi.algorithm"):
    importlib.import_module(lib)
assert not any(name.startswith("handouts") for name in sys.modules)
sys.path.insert(0, sys.argv[1])
failed = []
for name in sys.argv[2:]:
    pid = os.fork()
    if pid == 0:
        try:
            importlib.import_module(name)
        except BaseException:
            sys.stderr.write(name + ": " + traceback.format_exc().splitlines()[-1] + "\\n")
            os._exit(1)
        os._exit(0)
    if os.waitpid(pid, 0)[1] != 0:
        failed.append(name)
print(" ".join(failed))
"""


def test_every_module_imports_alone_in_a_fresh_interpreter():
    modules = all_modules()
    assert "handouts.read.spec" in modules and "handouts.load.loader" in modules
    out = subprocess.run([sys.executable, "-c", IMPORT_ALONE, str(ROOT), *modules], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    assert out.stdout.split() == [], out.stderr


def layer_of(module: str) -> str:
    """handouts.render.pdf.story -> handouts.render.pdf; handouts.load.loader -> handouts.load."""
    parts = module.split(".")
    return ".".join(parts[:3] if len(parts) > 2 and parts[1] == "render" else parts[:2])


def runtime_imports(path: Path) -> set[str]:
    """The handouts modules a file imports when it runs: `if TYPE_CHECKING:` blocks do not count."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
               and getattr(node.test, "id", "") == "TYPE_CHECKING" for n in ast.walk(node)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
    return {n for n in found if n.startswith("handouts.") and n.split(".")[1] != "_templates"}


def layer_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        source = layer_of(module_name(path))
        for name in runtime_imports(path):
            target = layer_of(name)
            if target != source and target != "handouts":
                graph.setdefault(source, set()).add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every layer that can reach itself, with one path that shows how."""
    found = []
    for start in sorted(graph):
        paths = [[start]]
        seen = set()
        while paths:
            path = paths.pop()
            for nxt in sorted(graph.get(path[-1], ())):
                if nxt == start:
                    found.append(path + [start])
                    paths = []
                    break
                if nxt not in seen:
                    seen.add(nxt)
                    paths.append(path + [nxt])
    return found


def test_no_two_layers_import_each_other_through_any_path():
    graph = layer_graph()
    assert "handouts.theme" in graph.get("handouts.load", set())  # the loader reads the labels
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})[0] == ["a", "b", "c", "a"]


def closure(start: str) -> set[Path]:
    """The handouts modules `start` imports, directly or through others."""
    seen, todo = set(), [start]
    while todo:
        name = todo.pop()
        path = PACKAGE.parent / (name.replace(".", "/") + ".py")
        if not path.exists():
            path = PACKAGE.parent / name.replace(".", "/") / "__init__.py"
        if not path.exists() or path in seen:
            continue
        seen.add(path)
        todo += [n for n in imports(path) if n.startswith("handouts.")]
    return seen


def test_the_deck_planner_and_everything_it_uses_import_no_python_pptx():
    used = closure("handouts.render.deck.plan")
    assert PACKAGE / "render" / "deck" / "fit.py" in used
    assert offending(used, ("pptx", "lxml", "reportlab", "handouts.render.deck.render", "click")) == []


def test_click_lives_only_in_the_cli():
    users = [module_name(p) for p in PACKAGE.rglob("*.py") if any(n == "click" or n.startswith("click.")
                                                                 for n in imports(p))]
    assert users == ["handouts.cli"]


def test_core_errors_are_plain_exceptions():
    from handouts.errors import ContentError

    assert [c.__module__ for c in ContentError.__mro__] == ["handouts.errors", "builtins", "builtins", "builtins"]


def test_the_deck_planner_opens_no_files(monkeypatch):
    """Pictures are read once while loading; planning then touches no file (fonts are loaded first)."""
    import builtins
    import io
    import os

    from handouts.load import load
    from handouts.render.deck.plan import plan_deck
    from handouts.theme.labels import labels_for
    from handouts.theme.themes import load_theme

    article, theme, labels = load(WOUND), load_theme(), labels_for("en")
    before = plan_deck(article, theme, labels, "16:9")  # warms the font metrics
    assert any(p.picture is not None for s in before for p in s.pictures)

    def refuse(*args, **kwargs):
        raise AssertionError(f"the planner opened {args[0]!r}")

    for owner, name in ((builtins, "open"), (io, "open"), (os, "open")):
        monkeypatch.setattr(owner, name, refuse)
    assert plan_deck(article, theme, labels, "4:3")


def test_pdf_and_check_leave_python_pptx_alone():
    code = ("import sys; from handouts.load import load; from handouts.render.handout.plan import leaflet; "
            "from handouts.theme.labels import labels_for; leaflet(load('tests/leaflets/knee-muscle-spasms.yaml'), labels_for('en')); "
            "print('pptx' in sys.modules, 'reportlab' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["False", "False"]


# -- every block kind has a handler everywhere ------------------------------------------------------

def block_kinds_in_schema() -> set[str]:
    from handouts.load.content_spec import BLOCK

    return set(BLOCK.options)


def test_the_test_leaflet_uses_every_block_kind_of_the_schema():
    data = YAML(typ="base").load(WOUND.read_text(encoding="utf-8"))
    used = {kind for s in data["sections"] for group in [s, *s.get("sections", [])]
            for block in group.get("blocks", []) for kind in block}
    assert used == block_kinds_in_schema()


def dispatch_tables() -> dict[str, list[tuple[str, dict]]]:
    """Every table that dispatches on a block kind or a plan element's kind, found in the modules
    themselves (a BlockTable or an ElementTable at module level, or made by a method of a class of
    the module, such as the deck planner's slides_of): {"block"|"element": [(module, table)]}."""
    import importlib

    from handouts import model as m
    from handouts.render.deck.plan import _Planner
    from handouts.render.handout.elements import ElementTable

    found: dict[str, list[tuple[str, dict]]] = {"block": [], "element": []}
    for name in all_modules():
        module = importlib.import_module(name)
        for value in vars(module).values():
            if isinstance(value, m.BlockTable):
                found["block"].append((name, value))
            elif isinstance(value, ElementTable):
                found["element"].append((name, value))
    planner = _Planner.__new__(_Planner)
    found["block"].append(("handouts.render.deck.plan", planner.slides_of))
    return found


def test_every_dispatch_table_has_one_entry_for_each_kind():
    from handouts import model as m
    from handouts.load import load
    from handouts.render.handout.elements import ELEMENT_KINDS

    article = load(WOUND)
    made = {type(b) for _, s in article.all_sections() for b in s.blocks}
    assert made == set(m.BLOCK_KINDS)  # the schema's kinds, as the loader builds them ("standard" is a callout)
    tables = dispatch_tables()
    assert len(tables["block"]) >= 6 and len(tables["element"]) >= 4
    for module, table in tables["block"]:
        assert set(table) == set(m.BLOCK_KINDS), module
    for module, table in tables["element"]:
        assert set(table) == set(ELEMENT_KINDS), module


def test_a_table_that_misses_a_kind_is_never_made():
    from handouts import model as m

    with pytest.raises(TypeError, match="Image"):
        m.BlockTable({kind: None for kind in m.BLOCK_KINDS if kind is not m.Image})


def test_the_readme_recipe_for_a_block_kind_names_every_place_the_test_checks():
    """README's "Add a block kind" names exactly the modules whose tables dispatch on block kinds,
    plus the schema and the model, and the element tables that draw what the block plans."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    recipe = readme.split("**Add a block kind:**", 1)[1].split("\n\n", 1)[0]
    named = {name for name in re.findall(r"`([a-z_/]+\.py)`", recipe) if not name.startswith("tests/")}
    tables = dispatch_tables()
    modules = {module for module, _ in tables["block"] + tables["element"]}
    places = {m.removeprefix("handouts.").replace(".", "/") + ".py" for m in modules}
    assert named == places | {"load/content_spec.py", "model/__init__.py"}, named ^ (places | {"load/content_spec.py",
                                                                                               "model/__init__.py"})


# -- words a reader sees live in the labels catalogue -------------------------------------------------

LISTED = ["The main points", "About this leaflet", "Page {n} of", "Questions? Call", "Get help", "What we will cover",
          "(continued)", "Last reviewed", "Next review due", "Scan to read this leaflet online", "Latest version online",
          "QR code: link"]


def test_none_of_the_listed_phrases_is_written_in_the_code():
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for phrase in LISTED:
            assert phrase not in text, f"{module_name(path)} holds {phrase!r}"
        for word in ("Tip", "Note"):
            assert not re.search(rf"\b{word}\b", text), f"{module_name(path)} holds {word!r}"


def label_phrases() -> set[str]:
    """The fixed parts of every English label, four characters or longer."""
    data = YAML(typ="base").load((ROOT / "templates" / "labels" / "en.yaml").read_text(encoding="utf-8"))

    def strings(value):
        if isinstance(value, dict):
            for k, v in value.items():
                if k not in ("language", "name", "dates", "kind"):
                    yield from strings(v)
        elif isinstance(value, list):
            for v in value:
                yield from strings(v)
        else:
            yield str(value)

    pieces = {p.strip() for s in strings(data)
              for p in re.split(r"\{\{.*?\}\}|\{\w+\}", s)}
    return {p for p in pieces if len(p) >= 4 and re.search(r"[A-Za-z]{3}", p)}


def string_literals(path: Path):
    """String constants of a module, without its docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.value


def holds(literal: str, phrase: str) -> bool:
    """A phrase of several words anywhere in the literal; a single word only as the whole literal."""
    if " " in phrase:
        return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", literal) is not None
    return phrase[:1].isupper() and literal.strip() == phrase


def test_no_renderer_or_model_holds_a_label_in_english():
    phrases = label_phrases()
    assert {"The main points", "Key takeaways", "Sources"} <= phrases
    found = [f"{module_name(path)}: {p!r}" for folder in ("render", "model") for path in modules_under(folder)
             for literal in string_literals(path) for p in phrases if holds(literal, p)]
    assert found == []


# -- the registry makes the build commands --------------------------------------------------------

def test_every_registered_target_module_provides_plan_write_verify_and_describe():
    from handouts.render.registry import TARGETS, TargetModule

    for target in TARGETS.values():
        assert isinstance(target.code(), TargetModule), target.module


def test_the_build_commands_and_their_options_come_from_the_registry():
    from handouts.cli import main
    from handouts.render.registry import FLAGS, TARGETS, Options, build_commands, options_read_by

    assert set(FLAGS) == set(Options._fields) - {"overdue"}  # every option has its flag, once
    made = build_commands()
    assert set(made) == {t.command for t in TARGETS.values()} | {"all"}
    for name, (_, _, _, targets) in made.items():
        command = main.commands[name]
        options = {p.name for p in command.params} - {"content", "out", "theme", "allow_expired", "jobs", "force",
                                                      "shard", "layout", "also"}
        assert options == set(options_read_by(targets, name)), name


# -- each fact in one place ------------------------------------------------------------------------

FACTS = {  # a set of names, the one module that lists them, and how many of them make a repeat
    "callout kinds": ({"get_help", "tip", "note"}, "handouts/model/__init__.py", 2),
    "printed layouts": ({"leaflet", "booklet", "trifold", "card"}, "handouts/theme/themes.py", 2),
    "print profiles": ({"standard", "large-print"}, "handouts/theme/profiles.py", 2),
    "papers": ({"a4", "letter", "a5", "half-letter"}, "handouts/render/registry.py", 2),
    "slide shapes": ({"16:9", "4:3"}, "handouts/render/registry.py", 2),
    "block kinds": ({"paragraph", "bullets", "terms", "steps", "callout", "faq", "image", "standard", "table"},
                    "handouts/load/content_spec.py", 3),
}


def listed_names(node) -> list[str]:
    """The names a literal lists: a tuple, list, set or dict of strings, keyword names, or a pattern
    of alternatives ("get_help|tip|note")."""
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    if isinstance(node, ast.Dict):
        return [k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
    if isinstance(node, ast.Call):
        return [k.arg for k in node.keywords if k.arg]
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and "|" in node.value:
        return node.value.split("|")
    return []


def repeats() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        where = str(path.relative_to(ROOT))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = set(listed_names(node))
            for fact, (members, home, enough) in FACTS.items():
                if where != home and len(names & members) >= enough:
                    found.append(f"{where}:{node.lineno} lists the {fact} again: {sorted(names & members)}")
    return found


def test_each_fact_is_listed_in_one_place():
    assert repeats() == []


def test_the_fact_finder_finds_a_repeat(tmp_path, monkeypatch):
    assert listed_names(ast.parse('x = ("tip", "note")').body[0].value) == ["tip", "note"]
    assert listed_names(ast.parse('x = "get_help|tip|note"').body[0].value) == ["get_help", "tip", "note"]


def test_the_printed_layouts_are_the_pdf_targets_of_the_registry():
    from handouts.render.registry import layouts
    from handouts.theme.themes import LAYOUT_NAMES

    assert layouts() == LAYOUT_NAMES


def _identity_keys(source: str) -> list[str]:
    """Calls of id() and attributes set on a canvas from outside it: the ways a flowable could find
    its structure node other than holding it."""
    tree = ast.parse(source)
    found = [f"id() at line {node.lineno}" for node in ast.walk(tree)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "id"]
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                        and target.value.id in ("canvas", "canv", "c") and target.attr.startswith("_")):
                    found.append(f"{target.value.id}.{target.attr} set at line {node.lineno}")
    return found


def test_tagging_keys_no_node_by_identity_and_passes_nothing_through_the_canvas():
    """Each flowable holds its own structure node (story.py hands it from the element's Tags): no
    `(id(element), part)` keys, no private attribute set on the canvas for the tags to find."""
    pdf = PACKAGE / "render" / "pdf"
    found = {name: _identity_keys((pdf / name).read_text(encoding="utf-8"))
             for name in ("tags.py", "story.py", "flowables.py", "flow.py", "panels.py", "trifold.py", "card.py",
                          "booklet.py", "script.py")}
    assert {name: f for name, f in found.items() if f} == {}


def test_the_identity_key_finder_finds_both_kinds():
    assert _identity_keys("nodes[(id(x), 'lbl')] = 1\ncanvas._item_parts = [a, b]\n") == [
        "id() at line 1", "canvas._item_parts set at line 2"]
