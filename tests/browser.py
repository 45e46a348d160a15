"""Headless Chromium for tests and benchmarks: open a page offline and count what it asks for.

Shared by the map's browser tests, the report's and ``benchmarks/map_bench.py``::

    from browser import CHROMIUM, launch, open_blocked

    with launch() as browser:
        page = browser.new_page()
        requests = open_blocked(page, "out/map.html")        # a path, a Path or an HTML string
        page.wait_for_selector("body[data-drawn]")
        assert requests == []

Playwright's own browser download does not work on our machines; Debian's ``chromium``
does (see DESIGN.md). The Chromium used is ``$NETLIB_CHROMIUM`` (a path, or a command on
PATH), else ``/usr/bin/chromium``. Tests skip with :data:`SKIP_REASON` (what was looked for
and missed) when it or Python playwright is missing; in CI a skip fails the run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

__all__ = ["CHROMIUM", "ARGS", "SKIP_REASON", "available", "chromium", "launch", "missing", "open_blocked"]

DEFAULT = "/usr/bin/chromium"


def chromium(env=os.environ) -> str:
    """The Chromium to drive: ``NETLIB_CHROMIUM`` when set (and not empty), else :data:`DEFAULT`;
    a command name is looked up on PATH (playwright wants a path)."""
    name = env.get("NETLIB_CHROMIUM") or DEFAULT
    return shutil.which(name) or name


def missing(env=os.environ) -> str | None:
    """Why the browser tests cannot run here, naming what was looked for; None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Python playwright is not installed (pip install -e '.[test]')"
    path = chromium(env)
    if Path(path).is_file():
        return None
    looked = (f"NETLIB_CHROMIUM={path} (a path, or a command on PATH)" if env.get("NETLIB_CHROMIUM")
              else f"{path} (NETLIB_CHROMIUM is not set)")
    return (f"headless Chromium not found: looked for {looked}; apt-get install chromium, or set "
            f"NETLIB_CHROMIUM to a Chromium binary (.ci/run does one or the other)")


CHROMIUM = chromium()
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync",
]
SKIP_REASON = missing() or ""  # empty when nothing is missing


def available() -> bool:
    """True when Chromium and Python playwright are both installed (:func:`missing` says which is not)."""
    return missing() is None


@contextlib.contextmanager
def launch(**options):
    """A headless Chromium ``Browser``, closed on exit (with playwright itself)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True, **options)
        try:
            yield browser
        finally:
            browser.close()


def open_blocked(page, target, *, wait_until: str = "load", timeout: float = 60_000) -> list:
    """Open ``target`` with every other request blocked; return the list of blocked URLs.

    ``target`` is a file path (str or Path, opened as ``file://``) or an HTML document as
    a string (opened with ``page.set_content``). The list is live: it keeps growing if
    the page asks for more later, so assert on it at the end of a test.
    """
    attempted = []
    page_url = None
    text = str(target)
    is_html = not isinstance(target, Path) and text.lstrip()[:1] == "<"
    if not is_html:
        page_url = Path(text).resolve().as_uri()

    def handle(route):
        url = route.request.url
        if page_url is not None and url == page_url:
            route.continue_()
            return
        attempted.append(url)
        route.abort()

    page.route("**/*", handle)
    if is_html:
        page.set_content(text, wait_until=wait_until, timeout=timeout)
    else:
        page.goto(page_url, wait_until=wait_until, timeout=timeout)
    return attempted
