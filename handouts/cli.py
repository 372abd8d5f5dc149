"""The command line. Click lives here and nowhere else: the commands are thin, the other layers
raise plain ContentErrors, and this module turns them into file:line:col messages.

Each command imports only what it needs: `pdf` never loads python-pptx, `pptx` never loads ReportLab.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import signal
import sys
from pathlib import Path

import click

from handouts.errors import ContentError
from handouts.libraries import UnsupportedLibrary
from handouts.render.registry import ALL, FLAGS, PROFILES, TARGETS, Options, build_commands, options_read_by

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

content_args = click.argument("content", nargs=-1, type=click.Path(path_type=Path))


class Folder(click.Path):
    """An output folder: a path, never the empty name (which would mean the current folder)."""

    def convert(self, value, param, ctx):
        if isinstance(value, str) and not value.strip():
            self.fail("give the name of a folder; an empty name would write into the current folder", param, ctx)
        return super().convert(value, param, ctx)


out_option = click.option("-o", "--out", "out", type=Folder(path_type=Path), default=Path("output"),
                          show_default=True, help="Folder to write the files into.")
theme_option = click.option("--theme", type=click.Path(path_type=Path, dir_okay=False), default=None,
                            help="Theme file (default: templates/theme.yaml).")
expired_option = click.option("--allow-expired", is_flag=True,
                              help="Build even though meta.next_review has passed (each page is marked "
                                   "'Review overdue').")


class ShardType(click.ParamType):
    """K/N: the K-th of N parts of a library."""

    name = "K/N"

    def convert(self, value, param, ctx):
        from handouts.library.discover import Shard

        if isinstance(value, Shard):
            return value
        try:
            k, n = (int(x) for x in str(value).split("/"))
        except ValueError:
            self.fail(f"'{value}' is not a part such as 3/8 (the third of eight)", param, ctx)
        if not 1 <= k <= n <= 10_000:
            self.fail(f"'{value}': the part must be from 1 to the number of parts, e.g. 3/8", param, ctx)
        return Shard(k, n)


shard_option = click.option("--shard", type=ShardType(), default=None,
                            help="Work on the K-th of N parts of the leaflets given (e.g. 3/8), split by path, so "
                                 "N machines share a library: each builds a part, none the same leaflet.")


def library_options(fn):
    """--jobs, --force and --shard, for the commands that build."""
    fn = shard_option(fn)
    fn = click.option("--force", is_flag=True,
                      help="Build every leaflet, even those unchanged since the last build.")(fn)
    return click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, metavar="N",
                        help="Leaflets built at once (default: one per CPU).")(fn)

def _papers_help() -> str:
    """Which papers each printed layout takes, from the registry: "a4 or letter (card: a4, letter or a5)"."""
    printed = [t for t in TARGETS.values() if t.papers]
    common = min((t.papers for t in printed), key=len)
    others = [f"{t.name}: {', '.join(t.papers[:-1])} or {t.papers[-1]}" for t in printed if t.papers != common]
    return " or ".join(common) + (f" ({'; '.join(others)})" if others else "")


def _option(name: str):
    """The click option of a build option, from its entry in the registry's FLAGS."""
    flag = FLAGS[name]
    default = Options._field_defaults[name]
    kind: click.ParamType | type = str
    if flag.choices:
        kind = click.Choice(flag.choices)
    elif flag.range:
        kind = click.IntRange(*flag.range)
    elif flag.path:
        kind = click.Path(path_type=Path)
    return click.option(f"--{name}", type=kind, default=default, metavar=flag.metavar or None,
                        show_default=default is not None, help=flag.help.replace("{papers}", _papers_help()))


def messages(writes: bool):
    """Turn a ContentError into its messages on stderr and exit status 1, never a traceback."""
    def decorate(fn):
        @functools.wraps(fn)
        def run(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except ContentError as exc:
                for problem in exc.problems:
                    click.echo(str(problem), err=True)
                count = len(exc.problems)
                summary = f"{count} {'problem' if count == 1 else 'problems'} found"
                outcome = getattr(exc, "outcome", "nothing was written.")  # commit.Unfinished says otherwise
                click.echo(summary + (f"; {outcome}" if writes else "."), err=True)
                sys.exit(1)
            except (click.exceptions.ClickException, click.exceptions.Abort, click.exceptions.Exit):
                raise  # click's own: a mistyped command, an interrupted prompt
            except UnsupportedLibrary as exc:  # the environment, not the content: say what to install
                click.echo(f"handouts: {exc}", err=True)
                sys.exit(1)
            except Exception as exc:  # a fault of ours, not of the content: a short report, never a traceback
                if os.environ.get("HANDOUTS_DEBUG"):
                    raise
                said = re.sub(r" at 0x[0-9a-fA-F]+", "", str(exc))[:200]  # an address means nothing to a reader
                click.echo(f"handouts: internal error ({type(exc).__name__}: {said}). This is a fault in "
                           "handouts, not in your file: please report it with the file that caused it "
                           "(HANDOUTS_DEBUG=1 shows the details).", err=True)
                if writes:
                    click.echo("Every file is either complete or untouched: none was left half-written.", err=True)
                sys.exit(1)
        return run
    return decorate


def _theme(path: Path | None):
    from handouts.theme.themes import load_theme

    return load_theme(path)


def _options(theme, **given) -> dict:
    """The build options as given, with a paper size checked against the theme's papers."""
    paper = given.get("paper")
    if paper is not None and paper not in theme.papers:
        raise click.BadParameter(f"'{paper}' is not a paper of the theme (choose {', '.join(theme.papers)})",
                                 param_hint="'--paper'")
    if given.get("template") is not None:
        from handouts.render.deck.package import read_template

        given["template"] = read_template(given["template"])  # read and checked once, for every deck
    return {k: v for k, v in given.items() if k in Options._fields and v is not None}


def _build(content, out: Path, theme_path, allow_expired: bool, wanted: list[tuple[str, dict]], force: bool = False,
           jobs: int = 0, shard=None, **given) -> None:
    """Build every leaflet on its own; report each, then exit 1 if any failed or has expired."""
    from handouts.library.discover import content_files, sharded
    from handouts.library.run import Settings, run

    _check_paper(given.get("paper"), wanted)
    files, missing = content_files(content)
    if missing:
        raise ContentError(missing)
    files = sharded(files, shard)
    if not files:  # a part of a small library may hold nothing: that is not a failure
        click.echo(f"part {shard.k} of {shard.n} holds none of these leaflets.", err=True)
        return

    def prepare() -> dict:  # only when some leaflet must be built
        from handouts.library.worker import theme_for

        return _options(theme_for(theme_path), **given)

    raw = {k: v for k, v in given.items() if k in Options._fields and v is not None}
    settings = Settings(out, theme_path, raw, tuple((name, tuple(sorted(over.items()))) for name, over in wanted),
                        allow_expired, force, jobs)
    with _progress(len(files) > 1) as on_done:
        reports = run(files, settings, prepare, on_done)
    _say(reports)


def _check_paper(paper: str | None, wanted: list[tuple[str, dict]]) -> None:
    """Each printed layout takes only the papers it is made for (a leaflet is not made on A5)."""
    from handouts.render.registry import TARGETS

    if paper is None:
        return
    refused = [TARGETS[name] for name, _ in wanted if TARGETS[name].papers and paper not in TARGETS[name].papers]
    if refused:
        names = " and ".join(dict.fromkeys(t.name for t in refused))
        takes = " or ".join(dict.fromkeys(p for t in refused for p in t.papers))
        raise click.BadParameter(f"the {names} cannot be printed on '{paper}'; choose {takes}",
                                 param_hint="'--paper'")


@contextlib.contextmanager
def _progress(many: bool):
    """A progress bar on a terminal; plain lines otherwise (CI logs); nothing for one leaflet."""
    if not many:
        yield lambda done, total, path: None
        return
    if sys.stderr.isatty():
        bar = None

        def step(done, total, path):
            nonlocal bar
            if bar is None:
                bar = click.progressbar(length=total, label="Building", file=sys.stderr)
                bar.__enter__()
            bar.update(1)

        try:
            yield step
        finally:
            if bar is not None:
                bar.__exit__(None, None, None)
        return
    yield lambda done, total, path: click.echo(f"[{done}/{total}] {path}", err=True)


def _say(reports) -> None:
    """Each leaflet's files and messages, in the order given; then a summary when there are several."""
    from handouts.read.source import display_name

    single = len(reports) == 1
    for report in reports:
        name = display_name(report.content)
        for problem in report.problems + report.warnings:
            click.echo(str(problem), err=True)
        for path in report.written:
            click.echo(str(path))
        if report.state in ("failed", "expired"):
            count = len(report.problems)
            found = f"{count} {'problem' if count == 1 else 'problems'} found"
            click.echo(f"{found}; nothing was written." if single else f"{name}: {found}; nothing was written for it.",
                       err=True)
        elif report.state == "unchanged" and single:
            click.echo(f"{name}: unchanged since it was last built (use --force to build it again)", err=True)
    counts = {state: sum(r.state == state for r in reports) for state in ("built", "unchanged", "failed", "expired")}
    if not single:
        click.echo(", ".join(f"{n} {state}" for state, n in counts.items()) + ".", err=True)
    if counts["failed"] or counts["expired"]:
        sys.exit(1)


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="handouts")
def main() -> None:
    """Turn content.yaml into a printable PDF handout and a health-talk slide deck.

    \b
    Examples:
      generate.py check                 check content.yaml and report its reading level
      generate.py all                   build every output into output/
      generate.py pdf --profile large-print
    """
    if os.name == "nt":  # the output lock (fcntl), the folder syncs and the signals are POSIX only
        raise click.ClickException("handouts runs on Linux and macOS; on Windows, run it inside WSL")
    # A stopped run (kill) unwinds like an error, so its temporary files are removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        os.getcwd()  # ReportLab, and every relative path, need it
    except OSError:
        click.echo("handouts: the folder this command was run in no longer exists (it was deleted or moved) "
                   "(hint: change to an existing folder, then run the command again)", err=True)
        sys.exit(1)


@main.command(context_settings=CONTEXT)
@content_args
@theme_option
@click.option("--profile", type=click.Choice(list(PROFILES)), default=None,
              help="Check the theme for one print profile only (default: all).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--template", type=click.Path(path_type=Path), default=None,
              help="Also check this slide template, and say what a deck would not take from it (macros, links).")
@expired_option
@shard_option
@_option("minutes")
@messages(writes=False)
def check(content, theme, profile, strict, fmt, allow_expired, shard, template, minutes):
    """Check the content: structure, reading level, health-literacy checks, review dates and contrast.

    \b
    Example:
      generate.py check content.yaml
      generate.py check --strict --format json content.yaml
      generate.py check --minutes 10 content.yaml   (which sections a 10-minute talk leaves for questions)
    """
    from handouts.library.discover import content_files, sharded
    from handouts.load import load
    from handouts.review.report import render_json, render_text
    from handouts.review.review import Report, review

    if template is not None:
        _say_template(template)
    files, missing = content_files(content)
    files = sharded(files, shard)
    theme_obj = _theme(theme)
    reports, unloadable = [], list(missing)
    for path in files:
        try:
            article = load(path)
        except ContentError as exc:
            failed = Report(file=str(path), title="")
            failed.errors = list(exc.problems)
            reports.append(failed)
            unloadable += exc.problems
            continue
        reports.append(review(article, theme_obj, profile=profile, allow_expired=allow_expired, minutes=minutes))
    if fmt == "json":
        click.echo(render_json(reports))
    else:
        for problem in unloadable:
            click.echo(str(problem), err=True)
        if unloadable:
            count = len(unloadable)
            click.echo(f"{count} {'problem' if count == 1 else 'problems'} found.", err=True)
        click.echo(render_text(reports, strict=strict))
    errors = [p for r in reports for p in r.errors] + list(missing)
    if strict:
        errors += [p for r in reports for p in r.warnings]
    if errors:
        sys.exit(1)


def _say_template(path: Path) -> None:
    """Check a slide template as a deck would read it; say what cleaning removes from it."""
    from handouts.render.deck.package import read_template

    template = read_template(path)
    for removed in template.removed:
        click.echo(f"{template}: removed from the deck: {removed}", err=True)
    if not template.removed:
        click.echo(f"{template}: the template carries no macros, controls, embedded objects or outside links.",
                   err=True)


def _build_command(name: str, summary: str, examples: tuple[str, ...], layout: str, targets: list) -> None:
    """A build command made from the registry: its targets' options, and --layout where it picks
    among printed layouts (pdf) or adds them (all)."""
    from handouts.render.registry import layouts

    def callback(content, out, theme, allow_expired, layout=None, also=(), **options):
        wanted: list[tuple[str, dict]]
        if layout:
            wanted = [(layout, {})]
        else:
            wanted = [(t.name, over) for t, (_, over) in zip(targets, ALL)] if name == "all" else \
                [(t.name, {}) for t in targets]
            wanted += [(extra, {}) for extra in also if (extra, {}) not in wanted]
        _build(content, out, theme, allow_expired, wanted, **options)

    choices = layouts()
    params = [content_args, out_option, theme_option]
    if layout == "one":
        params.append(click.option("--layout", type=click.Choice(choices), default=choices[0], show_default=True,
                                   help="; ".join(f"{t.name}: {t.summary}" for t in targets) + "."))
    elif layout == "more":
        params.append(click.option("--layout", "also", type=click.Choice(choices), multiple=True,
                                   help="Also build this printed layout (repeat for more)."))
    params += [_option(option) for option in options_read_by(targets, name)]
    params += [expired_option, library_options]
    fn = messages(writes=True)(callback)
    for param in reversed(params):
        fn = param(fn)
    help_text = f"Build {summary}.\n\n\b\nExample:\n" + "\n".join(f"  {line}" for line in examples)
    main.command(name=name, help=help_text, context_settings=CONTEXT)(fn)


for _name, (_summary, _examples, _layout, _targets) in build_commands().items():
    _build_command(_name, _summary, _examples, _layout, _targets)


@main.command(context_settings=CONTEXT)
@content_args
@click.option("-o", "--out", "out", type=Folder(path_type=Path), default=Path("output"), show_default=True,
              help="The output folder whose files are compared with the leaflets.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@shard_option
@click.option("--merge", is_flag=True, help="The files given are registers written with --format json (one per "
                                            "shard): join them into one.")
@messages(writes=False)
def register(content, out, fmt, shard, merge):
    """List every leaflet with its review dates, its state (ok, due within 60 days, expired) and
    whether its built files are up to date; soonest review first.

    \b
    Example:
      generate.py register leaflets/
      generate.py register leaflets/ --format csv > register.csv
      generate.py register leaflets/ --shard 2/8 --format json > register-2.json
      generate.py register --merge register-*.json --format csv > register.csv
    """
    import datetime as dt

    from handouts.library import register as reg
    from handouts.library.discover import content_files, sharded

    today = dt.date.today()
    if merge:
        if not content:
            raise click.UsageError("--merge needs the register files to join")
        found, problems = reg.merged(list(content))
        _say_register(found, fmt, today)
        if problems:
            raise ContentError(problems)
        return
    files, missing = content_files(content)
    found, problems = reg.rows(sharded(files, shard), out, today)
    _say_register(found, fmt, today)
    if missing or problems:
        raise ContentError(missing + problems)


def _say_register(found, fmt: str, today) -> None:
    from handouts.library import register as reg

    text = {"json": reg.as_json, "csv": reg.as_csv}.get(fmt, lambda rows: reg.as_text(rows, today))(found)
    click.echo(text.rstrip("\n"))  # one line end after the last row, as every format ends


@main.command(context_settings=CONTEXT)
@click.argument("folder", type=click.Path(path_type=Path))
@messages(writes=True)
def init(folder):
    """Start a new leaflet in FOLDER: a content.yaml to write over (every kind of block, with a note
    on each field), an images/ folder with a picture, and a theme.yaml. Never overwrites a file.

    \b
    Example:
      generate.py init leaflets/hand-washing
      generate.py check leaflets/hand-washing
    """
    from handouts.starter import create

    for path in create(folder):
        click.echo(str(path))
    command = click.get_current_context().find_root().info_name  # "handouts" installed, "generate.py" here
    click.echo(f"Next: write your leaflet in {folder / 'content.yaml'}, then run: {command} check {folder}", err=True)


@main.command(context_settings=CONTEXT)
def schema():
    """Print the JSON Schema of content.yaml (also saved as templates/content.schema.json).

    \b
    Example:
      generate.py schema > templates/content.schema.json
    """
    import json

    from handouts.load.content_spec import json_schema

    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))
