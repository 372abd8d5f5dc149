"""The web edition, read back as a browser would: its text, its structure, nothing loaded from the
network, content never read as markup; then, in Debian's chromium, axe-core finds no WCAG 2.1 A or
AA violation and a 320 px wide screen needs no sideways scrolling.

axe-core comes from npm, pinned, and is installed by the test set-up (not the PyPI
axe-selenium-python, whose bundled axe-core predates most WCAG 2.1 rules)."""

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, VALID, require_tool
from oracle import Leaflet

from handouts.cli import main

AXE_VERSION = "4.14.1"
PAGES = {"content": ROOT / "tests" / "leaflets" / "knee-muscle-spasms.yaml", "image": ROOT / "tests" / "leaflets" / "wound-care.yaml",
         "rtl": ROOT / "tests" / "leaflets" / "languages" / "ar.yaml"}


class Page(HTMLParser):
    """What a browser gets from the page: its text, its tags in order, and their attributes."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.words: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.words.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.words).split())


def build_page(source: Path, tmp_path: Path) -> Path:
    folder = tmp_path / source.stem
    folder.mkdir(exist_ok=True)
    shutil.copy(source, folder / source.name)
    for sibling in source.parent.glob("*.png"):
        shutil.copy(sibling, folder / sibling.name)
    if (source.parent / "images").is_dir():
        shutil.copytree(source.parent / "images", folder / "images", dirs_exist_ok=True)
    result = CliRunner().invoke(main, ["html", str(folder / source.name), "-o", str(folder / "out")])
    assert result.exit_code == 0, result.output
    (page,) = (folder / "out").glob("*.html")
    return page


@pytest.mark.parametrize("name", list(PAGES))
def test_the_page_holds_every_text_in_a_semantic_outline(name, tmp_path):
    leaflet = Leaflet(PAGES[name])
    page = Page(build_page(PAGES[name], tmp_path).read_text(encoding="utf-8"))
    tags = [t for t, _ in page.tags]
    html = dict(page.tags)["html"]
    assert html["lang"] == leaflet.meta["language"]
    assert html["dir"] == ("rtl" if name == "rtl" else "ltr")
    for landmark in ("header", "nav", "main", "footer"):
        assert tags.count(landmark) == 1, landmark
    levels = [int(t[1]) for t in tags if re.fullmatch(r"h[1-6]", t)]
    assert levels[0] == 1 and tags.count("h1") == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels  # no level is skipped
    text = page.text
    for expected in [leaflet.title, *leaflet.key_messages, *leaflet.reading_order()]:
        assert " ".join(expected.split()) in text, expected
    labels = leaflet.labels["words"]
    assert labels["contents"] in text and labels["skip_to_content"] in text
    images = [attrs for tag, attrs in page.tags if tag == "img"]
    assert all(attrs.get("alt") for attrs in images)
    for alt in leaflet.alt_texts():
        assert any(attrs["alt"] == alt for attrs in images), alt
    # nothing from the network: pictures and fonts are inside the page
    assert all(attrs["src"].startswith("data:image/") for attrs in images)
    assert not any(tag in ("script", "link", "iframe") for tag in tags)
    # the way to the latest version is a link; there is no code to scan on a screen, so no word of it
    url = leaflet.meta.get("online_url")
    if url:
        scan = labels["online_text"].split("{url}")[0].strip()
        assert scan not in text
        assert leaflet.labels["notes"]["online"].replace("{url}", url) in text
        assert any(attrs.get("href") == url for tag, attrs in page.tags if tag == "a")


def test_content_is_never_markup_in_the_page(write, tmp_path):
    hostile = '<script>alert(1)</script> & <img src=x onerror=alert(2)>'
    source = write(VALID.replace("You can read this.", hostile.replace('"', "'")))
    result = CliRunner().invoke(main, ["html", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "test-leaflet.html").read_text(encoding="utf-8")
    assert "<script" not in text and "onerror=" not in text.replace("onerror=alert(2)&gt;", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;" in text
    page = Page(text)
    assert not any(tag == "script" or (tag == "img" and "onerror" in attrs) for tag, attrs in page.tags)


# -- in a real browser ----------------------------------------------------------------------------

def _axe_source() -> str:
    """axe-core from npm, pinned, installed once into the user's cache."""
    require_tool("npm")
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "handouts-tests" / f"axe-{AXE_VERSION}"
    script = folder / "node_modules" / "axe-core" / "axe.min.js"
    if not script.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(folder),
                               f"axe-core@{AXE_VERSION}"], capture_output=True, text=True, timeout=300)
        if done.returncode != 0 or not script.is_file():
            pytest.fail(f"npm could not install axe-core {AXE_VERSION}: {done.stderr[-500:]}")
    return script.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser():
    for tool in ("chromium", "chromedriver"):
        require_tool(tool)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    driver.axe = _axe_source()
    yield driver
    driver.quit()


AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
   .then(result => done(result.violations.map(v => ({id: v.id, help: v.help,
                                                      nodes: v.nodes.map(n => n.html.slice(0, 200))}))));
"""


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_wcag_21_a_or_aa_violation(browser, name, tmp_path):
    page = build_page(PAGES[name], tmp_path)
    browser.set_window_size(1280, 900)
    browser.get(page.as_uri())
    browser.execute_script(browser.axe)
    assert browser.execute_script("return axe.version") == AXE_VERSION
    violations = browser.execute_async_script(AXE_RUN)
    assert violations == [], json.dumps(violations, indent=1)


@pytest.mark.parametrize("name", list(PAGES))
def test_a_320_px_screen_needs_no_sideways_scrolling(browser, name, tmp_path):
    page = build_page(PAGES[name], tmp_path)
    browser.set_window_size(320, 800)
    browser.get(page.as_uri())
    inner, scroll = browser.execute_script(
        "return [window.innerWidth, document.documentElement.scrollWidth]")
    assert inner <= 320 and scroll <= inner
    widest = browser.execute_script(
        "return Math.max(...Array.from(document.querySelectorAll('body *')).map(e => e.getBoundingClientRect().right))")
    assert widest <= inner + 0.5


def test_a_phone_number_keeps_its_order_in_a_right_to_left_page(tmp_path):
    text = build_page(PAGES["rtl"], tmp_path).read_text(encoding="utf-8")
    phone = Leaflet(PAGES["rtl"]).clinic["phone"]
    assert f'<bdi dir="ltr">{phone}</bdi>' in text.replace("\u00a0", " ")
    assert phone not in re.sub(r"<bdi dir=\"ltr\">[^<]*</bdi>", "", text.replace("\u00a0", " "))


def test_each_kind_of_box_has_its_own_icon(tmp_path):
    """Colour is never the only sign: get help, tip and note each draw a different icon, as the PDF does."""
    html = build_page(PAGES["content"], tmp_path).read_text(encoding="utf-8")
    leaflet = Leaflet(PAGES["content"])
    kinds = {value["kind"] for _, s in leaflet.sections() for kind, value in leaflet.blocks(s) if kind == "callout"}
    assert {"get_help", "tip", "note"} <= kinds
    icons = {}
    for kind in kinds:
        box = re.search(rf'<section class="box tone-{kind}".*?</h\d>', html, re.S)
        assert box, kind
        icons[kind] = re.search(r"<svg.*?</svg>", box.group(0), re.S).group(0)
    assert len(set(icons.values())) == len(icons), icons


@pytest.mark.parametrize("name", list(PAGES))
def test_the_clinic_phone_and_email_are_links_to_tap(name, tmp_path):
    """Each place the clinic's number is written (the contact block, a get-help item, a sentence) is an
    <a href="tel:…"> with the number as its text, which a screen reader names; the email a mailto: link."""
    import unicodedata

    leaflet = Leaflet(PAGES[name])
    text = build_page(PAGES[name], tmp_path).read_text(encoding="utf-8").replace("\u00a0", " ")
    phone = leaflet.clinic["phone"]
    tel = "tel:" + ("+" if phone.strip().startswith("+") else "") + "".join(
        str(unicodedata.digit(c)) for c in phone if c.isdecimal())
    links = re.findall(r'<a href="(tel:[^"]*)"[^>]*>(.*?)</a>', text)
    raw = PAGES[name].read_text(encoding="utf-8")
    written = raw.count("{{ clinic.phone }}") + raw.count("{{clinic.phone}}")
    assert sum(1 for href, _ in links if href == tel) >= written + 1
    assert all(re.sub(r"<[^>]+>", "", shown).strip() for _, shown in links), "a phone link with no text"
    if leaflet.clinic.get("email"):
        assert f'href="mailto:{leaflet.clinic["email"]}"' in text
