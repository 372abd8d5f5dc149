"""The command line. Commands are thin: each loads the content, then imports only the renderer it needs."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import click

from handouts.errors import ContentError, Loc, Problem

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

content_args = click.argument("content", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
out_option = click.option("-o", "--out", "out", type=click.Path(path_type=Path), default=Path("output"),
                          show_default=True, help="Folder to write the files into.")
theme_option = click.option("--theme", type=click.Path(path_type=Path, dir_okay=False), default=None,
                            help="Theme file (default: templates/theme.yaml).")
expired_option = click.option("--allow-expired", is_flag=True,
                              help="Build even though meta.next_review has passed.")


def _load_all(content: tuple[Path, ...]):
    """Load every file; report the problems of all of them together."""
    from handouts.load.loader import load

    articles, problems = [], []
    for path in content or (Path("content.yaml"),):
        try:
            articles.append(load(path))
        except ContentError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ContentError(problems)
    return articles


def _theme(path):
    from handouts.theme.themes import load_theme

    return load_theme(path)


def _refuse_on_errors(articles, theme, allow_expired: bool, profiles=("standard",)) -> None:
    from handouts.review.review import review

    problems = [p for a in articles for profile in profiles
                for p in review(a, theme, profile=profile, allow_expired=allow_expired,
                                errors_only=True, font_check=False).errors]
    if problems:
        raise ContentError(problems)


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
    # A stopped run (kill) unwinds like an error, so its temporary files are removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


@main.command(context_settings=CONTEXT)
@content_args
@theme_option
@click.option("--profile", type=click.Choice(["standard", "large-print"]), default=None,
              help="Check the theme for one print profile only (default: both).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@expired_option
def check(content, theme, profile, strict, fmt, allow_expired):
    """Check the content: structure, reading level, health-literacy checks, review dates and contrast.

    \b
    Example:
      generate.py check content.yaml
      generate.py check --strict --format json content.yaml
    """
    from handouts.review.review import review
    from handouts.review.report import render_json, render_text

    articles = _load_all(content)
    theme_obj = _theme(theme)
    reports = [review(a, theme_obj, profile=profile, allow_expired=allow_expired) for a in articles]
    click.echo(render_json(reports) if fmt == "json" else render_text(reports, strict=strict))
    errors = [p for r in reports for p in r.errors]
    if strict:
        errors += [p for r in reports for p in r.warnings]
    if errors:
        raise SystemExit(1)


def _preflight(articles, out, profiles=(), aspects=(), fonts=()):
    """Everything that can be known to fail is checked before the first file is written."""
    from handouts.render.names import deck_name, pdf_name
    from handouts.render.output import preflight

    names = [pdf_name(a, p) for a in articles for p in profiles] + [deck_name(a, x) for a in articles for x in aspects]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ContentError([Problem(Loc(str(out / n)), "two of the content files would write this same file",
                                    hint="give each leaflet its own meta.slug") for n in twice])
    preflight(out, names)
    if fonts:
        from handouts.theme.fonts import coverage_problems

        problems = [p for a in articles for p in coverage_problems(a, set(fonts))]
        if problems:
            raise ContentError(problems)
    return names


def _write(out, articles, theme, paper=None, profiles=(), aspects=(), template=None, fonts=()):
    """Build every requested file under one folder lock, as one transaction: all or nothing."""
    from handouts.render.output import folder_lock, remove_stale_temporaries, transaction

    names = _preflight(articles, out, profiles, aspects, fonts)
    created = not out.exists()
    written = []
    try:
        with folder_lock(out), transaction():
            remove_stale_temporaries(out, names)
            if profiles:
                from handouts.render.pdf.build import build_pdf

                written += [build_pdf(a, theme, out, paper=paper, profile=p) for a in articles for p in profiles]
            if aspects:
                from handouts.render.deck.build import build_deck

                written += [build_deck(a, theme, out, aspect=x, template=template) for a in articles for x in aspects]
    except BaseException:
        if created and out.is_dir() and not any(out.iterdir()):
            out.rmdir()  # a failed run leaves no trace, not even the folder it made
        raise
    for path in written:
        click.echo(str(path))


@main.command(context_settings=CONTEXT)
@content_args
@out_option
@theme_option
@click.option("--paper", type=click.Choice(["a4", "letter"]), default=None, help="Paper size (default: the theme's).")
@click.option("--profile", type=click.Choice(["standard", "large-print"]), default="standard", show_default=True,
              help="large-print: 18 pt body, single column, writes <slug>-large-print.pdf.")
@expired_option
def pdf(content, out, theme, paper, profile, allow_expired):
    """Build the printable PDF handout.

    \b
    Example:
      generate.py pdf content.yaml -o output --paper letter
      generate.py pdf --profile large-print
    """
    articles = _load_all(content)
    theme_obj = _theme(theme)
    _refuse_on_errors(articles, theme_obj, allow_expired, [profile])
    _write(out, articles, theme_obj, paper=paper, profiles=[profile])


@main.command(context_settings=CONTEXT)
@content_args
@out_option
@theme_option
@click.option("--aspect", type=click.Choice(["16:9", "4:3"]), default="16:9", show_default=True)
@click.option("--template", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=None,
              help="A .pptx whose slide masters and layouts to use.")
@expired_option
def pptx(content, out, theme, aspect, template, allow_expired):
    """Build the slide deck for a health talk, with the full text in the speaker notes.

    \b
    Example:
      generate.py pptx content.yaml --aspect 4:3
      generate.py pptx --template clinic-template.pptx
    """
    articles = _load_all(content)
    theme_obj = _theme(theme)
    _refuse_on_errors(articles, theme_obj, allow_expired)
    _write(out, articles, theme_obj, aspects=[aspect], template=template)


@main.command(name="all", context_settings=CONTEXT)
@content_args
@out_option
@theme_option
@click.option("--paper", type=click.Choice(["a4", "letter"]), default=None, help="Paper size (default: the theme's).")
@expired_option
def all_(content, out, theme, paper, allow_expired):
    """Build every output: the standard and large-print handouts and the slide deck.

    \b
    Example:
      generate.py all content.yaml -o output
    """
    articles = _load_all(content)
    theme_obj = _theme(theme)
    profiles = ["standard", "large-print"]
    _refuse_on_errors(articles, theme_obj, allow_expired, profiles)
    # One message per character that either font lacks, before anything is drawn.
    _write(out, articles, theme_obj, paper=paper, profiles=profiles, aspects=["16:9"],
           fonts={theme_obj.fonts["handout"], theme_obj.fonts["slides_metrics"]})


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
