"""The report notebook as a page: nbconvert's HTML, with nothing loaded from anywhere.

:func:`export_html` turns an executed notebook into ``report.html`` (no code, no prompts,
no parameters, no stderr, images inline, no CDN) and checks the result with
:func:`external_refs`.
"""

from __future__ import annotations

import html
import re
import secrets
from pathlib import Path

from netlib.errors import ReportError
from netlib.paths import jupyter_data_dirs, package_path, write_private
from bs4 import BeautifulSoup
from nbconvert import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
import nbformat

__all__ = ["export_html", "external_refs", "HIDDEN_TAGS"]

TEMPLATES = package_path("report")  # report.html.j2
#: Cells with these tags never reach the HTML.
HIDDEN_TAGS = {"parameters", "injected-parameters", "remove"}

# A tag that loads something (quoted values may hold ">"), then its attributes one by one:
# a src or href to another host. Attribute by attribute, not one pattern over the tag: the
# map's iframe tag holds megabytes of srcdoc in a big garden, which a quoted value skips at once.
_LOADING_TAG = re.compile(
    r"""<(?:script|link|img|iframe|frame|source|video|audio|embed|object|track|input|image|use)\b"""
    r"""(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]*))?""")
_LOADING_ATTRIBUTES = {"src", "href", "xlink:href", "srcset", "poster", "data", "background", "srcdoc"}
_REMOTE = re.compile(r"\s*(?:https?:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*(?:https?:)?(?://|\\\\)")  # on lower case, unescaped
# CSS: <style> blocks and style attributes (spelled out in both cases: IGNORECASE on a
# pattern that starts with \b scans a big page far more slowly)
_CSS_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_CSS_ATTRIBUTE = re.compile(r"""[sS][tT][yY][lL][eE]\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")
_EXTERNAL_SCRIPT = re.compile(
    r"<script\b[^>]*?\bsrc\s*=\s*[\"']?\s*(https?:)?//[^>]*>\s*</script\s*>", re.IGNORECASE)


def external_refs(document: str) -> list[str]:
    """Tags (and CSS ``url()``) of ``document`` that would load something from another
    host: should be none. Attribute values are read as a browser reads them (entities
    decoded, backslashes as slashes, every ``srcset`` candidate), and a frame's ``srcdoc``
    page is checked in turn."""
    css = [m.group(1) for m in _CSS_BLOCK.finditer(document)]
    css += [_unescape(m.group(1).strip("\"'")) for m in _CSS_ATTRIBUTE.finditer(document)]
    found = [text[:200] for text in css if _CSS_URL.search(text.lower())]
    for m in _LOADING_TAG.finditer(document):
        if _loads_remote(m.group(0)):
            found.append(m.group(0)[:200])
    return found


def _unescape(value: str) -> str:
    """``html.unescape``, at C speed for what ``html.escape`` writes (the map's srcdoc:
    megabytes of it in a big garden); anything else by the full rules."""
    fast = value.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#x27;", "'")
    if "&" in fast.replace("&amp;", ""):
        return html.unescape(value)
    return fast.replace("&amp;", "&")


def _loads_remote(tag: str) -> bool:
    name = re.match(r"<\w+", tag).end()
    for attribute in _ATTRIBUTE.finditer(tag, name):
        key = attribute.group(1).lower()
        if key not in _LOADING_ATTRIBUTES:
            continue
        value = _unescape((attribute.group(2) or "").strip("\"'"))
        if key == "srcdoc":
            if external_refs(value):
                return True
            continue
        urls = [c.strip().split(" ")[0] for c in value.split(",")] if key == "srcset" else [value]
        if any(_REMOTE.match(u.replace("\\", "/")) for u in urls):
            return True
    return False


#: HTML outputs longer than this skip nbconvert's BeautifulSoup pass (see export_html)
_HOLD_OUT = 100_000


# What nbconvert's HTMLExporter does after its template: it parses the page with BeautifulSoup,
# gives every <img> without alt an alt text, makes each `.jp-Notebook div.jp-Cell-inputWrapper`
# and `.jp-Notebook div.jp-OutputArea-output` focusable (tabindex="0") and writes the page
# again. It finds them by CSS selectors, and the first select in a process compiles
# soupsieve's patterns: a cost every `netlib report` paid once (figures in
# benchmarks/report_bench.py). _ReportExporter makes the same pass, on the same parse, with
# BeautifulSoup's own find_all (tests/test_report_page.py compares the pages).


class _ReportExporter(HTMLExporter):
    """nbconvert's HTMLExporter, its closing BeautifulSoup pass made without CSS selectors."""

    def from_notebook_node(self, nb, resources=None, **kw):
        # HTMLExporter.from_notebook_node up to its BeautifulSoup pass, step for step
        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        self.register_filter("highlight_code",
                             self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
        resources = self._init_resources(resources)
        self.register_filter("filter_data_type", WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata,
                                                                       parent=self, resources=resources))
        page, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return _soup_pass(page), resources


def _soup_pass(page: str) -> str:
    """HTMLExporter.from_notebook_node's end: its selectors, as find_all calls."""
    soup = BeautifulSoup(page, features="html.parser")
    for elem in soup.find_all("img"):
        if "alt" not in elem.attrs:  # img:not([alt])
            elem.attrs["alt"] = "No description has been provided for this image"
    for name in ("jp-Cell-inputWrapper", "jp-OutputArea-output"):  # .jp-Notebook div.NAME
        for elem in soup.find_all("div", class_=name):
            if elem.find_parent(class_="jp-Notebook") is not None:
                elem.attrs["tabindex"] = "0"
    return str(soup)


def _new_exporter():
    borrowed = [str(d / "nbconvert" / "templates") for d in jupyter_data_dirs()]  # a venv's base Python's
    # optimistic_validation: the notebook is validated once, after nbconvert's preprocessors,
    # not after each of them (a dozen, most of them off); the same check of the same result
    return _ReportExporter(
        template_name="lab", template_file="report.html.j2", extra_template_paths=[str(TEMPLATES), *borrowed],
        extra_template_basedirs=borrowed, optimistic_validation=True,
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
    )


def export_html(notebook_path, html_path) -> Path:
    """The executed notebook as report HTML: no code, no prompts, no parameters, no stderr,
    images inline, and no reference to any CDN."""
    nb = nbformat.read(str(notebook_path), as_version=4)
    cells = []
    for cell in nb.cells:
        if HIDDEN_TAGS & set(cell.get("metadata", {}).get("tags", [])):
            continue
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if not (o.output_type == "stream" and o.name == "stderr")]
            if not cell.outputs:
                continue
        cells.append(cell)
    nb.cells = cells
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("papermill", None)
    # nbconvert's HTML exporter ends by parsing and re-writing the whole page with
    # BeautifulSoup (to add tabindex and alt attributes): in a big garden the map alone is
    # megabytes of it (benchmarks/report_bench.py times the export). Big HTML outputs (netlib's own, checked below like
    # the rest) wait outside as a placeholder and go back in after.
    held = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            data = output.get("data", {})
            if len(data.get("text/html", "")) > _HOLD_OUT:
                mark = f'<div id="netlib-held-{secrets.token_hex(8)}"></div>'
                held[mark], data["text/html"] = data["text/html"], mark
    exporter = _new_exporter()
    title = nb.metadata.get("title") or "Monthly report"
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    for mark, html_text in held.items():
        if body.count(mark) != 1:
            raise ReportError(f"report HTML lost a section while exporting ({mark})", notebook=notebook_path)
        body = body.replace(mark, html_text)
    body = _EXTERNAL_SCRIPT.sub("", body)
    left = external_refs(body)
    if left:
        raise ReportError(f"report HTML would load from another host: {left[0][:120]}", notebook=notebook_path)
    return write_private(Path(html_path), body)
