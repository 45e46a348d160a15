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


# What nbconvert's HTMLExporter does after its template, by BeautifulSoup (bs4's html.parser):
# it parses the page, gives every <img> without alt an alt text, makes each
# `.jp-Notebook div.jp-Cell-inputWrapper` and `div.jp-OutputArea-output` focusable (tabindex="0")
# and writes the page again. That pass was about a third of the export (its first CSS select
# alone compiles soupsieve's patterns, about 0.2 s of CPU once per process; figures in
# benchmarks/report_bench.py). _ReportExporter adds the same attributes in place instead, to
# the tags as the template wrote them (a tag, its quoted values skipped whole; comments,
# scripts and styles passed over, as a parser reads them), and falls back to nbconvert's own
# pass for any page it does not read exactly so: an <img>, a focusable div that already has a
# tabindex, or no <body class="jp-Notebook">. Parsed by BeautifulSoup, its page is
# nbconvert's (tests/test_report_page.py compares them).
_FOCUSABLE_CLASSES = {"jp-Cell-inputWrapper", "jp-OutputArea-output"}
_TAG_REST = r"""(?:[^>"']|"[^"]*"|'[^']*')*>"""  # a tag's attributes, quoted values skipped whole, and its end
# what a parser passes over (comments; elements whose content is text, in any Python's
# html.parser) and the div tags it reads
_PASSED_OVER = re.compile(rf"<!--.*?-->|<(script|style|textarea|title|xmp|noscript|noembed|noframes|iframe)\b"
                          rf"{_TAG_REST}(.*?)</\1\s*>|<div\b({_TAG_REST})", re.IGNORECASE | re.DOTALL)
_NOTEBOOK_BODY = re.compile(r"""<body\b[^>]*?\sclass="([^"]*)"[^>]*>""", re.IGNORECASE)


def _focusable(page: str) -> str | None:
    """``page`` with what nbconvert's BeautifulSoup pass adds, or None when it cannot tell."""
    body = _NOTEBOOK_BODY.search(page)
    if body is None or "jp-Notebook" not in body.group(1).split() or re.search(r"<(?:img|plaintext)\b", page,
                                                                                 re.IGNORECASE):
        return None
    end = page.rfind("</body>")
    if end < body.end() or re.search(r"<div\b", page[:body.start()] + page[end:], re.IGNORECASE):
        return None  # a div outside the notebook's body
    pieces, at = [page[:body.end()]], body.end()
    for m in _PASSED_OVER.finditer(page, body.end(), end):
        if m.group(3) is None:  # a comment, or text: a div in it is one only to some parsers
            if m.group(1) and re.search(r"<div\b", m.group(2), re.IGNORECASE) and m.group(1).lower() not in (
                    "script", "style"):
                return None
            continue
        tag = m.group(3)[:-1]
        attributes = {}
        for a in _ATTRIBUTE.finditer(tag):
            name = a.group(1).lower()
            if name in attributes:  # which one counts is the parser's choice
                return None
            attributes[name] = (a.group(2) or "").strip("\"'")
        if not _FOCUSABLE_CLASSES & set(attributes.get("class", "").split()):
            continue
        if "tabindex" in attributes or "&" in attributes["class"] or tag.rstrip().endswith("/"):
            return None
        pieces.append(page[at:m.end() - 1])
        pieces.append(' tabindex="0">')
        at = m.end()
    pieces.append(page[at:])
    return "".join(pieces)


class _ReportExporter(HTMLExporter):
    """nbconvert's HTMLExporter, with its BeautifulSoup pass done by :func:`_focusable`."""

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
        fast = _focusable(page)
        return (fast, resources) if fast is not None else (_soup_pass(page), resources)


def _soup_pass(page: str) -> str:
    """nbconvert's own pass (HTMLExporter.from_notebook_node's end), for pages _focusable does not read."""
    soup = BeautifulSoup(page, features="html.parser")
    for elem in soup.select("img:not([alt])"):
        elem.attrs["alt"] = "No description has been provided for this image"
    for elem in soup.select(".jp-Notebook div.jp-Cell-inputWrapper"):
        elem.attrs["tabindex"] = "0"
    for elem in soup.select(".jp-Notebook div.jp-OutputArea-output"):
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
