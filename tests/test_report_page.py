"""netlib.report.page: the report's exporter writes nbconvert's page without its BeautifulSoup pass."""

from __future__ import annotations

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbconvert import HTMLExporter
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from netlib.report import page
from netlib.report.page import _focusable, _new_exporter

TABLE = ('<table class="netlib"><thead><tr><th class="">a &amp; b</th></tr></thead>'
         '<tbody><tr><td>x</td></tr></tbody></table>')
SVG = ('<svg xmlns="http://www.w3.org/2000/svg" role="img" width="10" height="10"><title>t</title>'
       '<rect width="5" height="5"/></svg>')
FRAME = ('<div class="netlib-map"><iframe srcdoc="&lt;div class=&quot;jp-OutputArea-output&quot;&gt;&lt;/div&gt;" '
         'sandbox="allow-scripts" title="Network map"></iframe></div>')


def _notebook(*extra_markdown: str, html_outputs=(TABLE, SVG, FRAME)) -> nbformat.NotebookNode:
    cells = [new_markdown_cell("# A report\n\nSome *text* with a [link](mailto:a@example.org).")]
    cells += [new_markdown_cell(text) for text in extra_markdown]
    for text in html_outputs:
        cells.append(new_code_cell("x", outputs=[new_output("execute_result", {"text/html": text, "text/plain": "x"},
                                                            execution_count=1)]))
    cells.append(new_code_cell("print(1)", outputs=[new_output("stream", name="stdout", text="1\n")]))
    return new_notebook(cells=cells, metadata={"language_info": {"name": "python"}})


def _both(nb) -> tuple[str, str]:
    ours = _new_exporter()
    options = ("template_name", "template_file", "extra_template_paths", "extra_template_basedirs", "exclude_input",
               "exclude_input_prompt", "exclude_output_prompt")
    theirs = HTMLExporter(**{name: getattr(ours, name) for name in options})
    resources = {"metadata": {"name": "Monthly report"}}
    return (ours.from_notebook_node(nb, resources=dict(resources))[0],
            theirs.from_notebook_node(nb, resources=dict(resources))[0])


def test_the_report_page_is_nbconverts_without_its_soup_pass(monkeypatch):
    def no_soup(_):
        raise AssertionError("the page went through BeautifulSoup")

    monkeypatch.setattr(page, "_soup_pass", no_soup)
    ours, theirs = _both(_notebook())
    assert ours.count('tabindex="0"') == 5  # 1 markdown cell's input, 4 outputs; none in the frame's srcdoc
    assert str(BeautifulSoup(ours, features="html.parser")) == theirs


@pytest.mark.parametrize("markdown", [
    "![a picture](data:image/png;base64,iVBORw0KGgo=)",  # an <img> without alt: nbconvert adds one
    '<div class="jp-OutputArea-output" tabindex="-1">already focusable</div>',
    '<textarea><div class="jp-OutputArea-output">text to some parsers, a tag to others</div></textarea>',
    '<div class="jp-OutputArea-output" class="twice">which class counts?</div>',
])
def test_pages_it_cannot_read_exactly_go_through_nbconverts_own_pass(markdown, monkeypatch):
    read = []
    monkeypatch.setattr(page, "_focusable", lambda text: read.append(_focusable(text)))  # records, and says None
    ours, theirs = _both(_notebook(markdown))
    assert read == [None]  # it would have said so itself
    assert ours == theirs


def test_focusable_marks_only_the_notebooks_own_divs():
    body = ('<body class="jp-Notebook"><div class="jp-Cell-inputWrapper"><p>x</p></div>'
            '<!-- <div class="jp-OutputArea-output"> --><script>"<div class=\'jp-OutputArea-output\'>"</script>'
            '<div title="a > b" class="jp-RenderedHTML jp-OutputArea-output"></div>'
            '<div class="jp-OutputArea-outputs"></div>'
            '</body>')
    marked = _focusable(f"<html><head></head>{body}</html>")
    assert marked.count('tabindex="0"') == 2
    assert '<div title="a > b" class="jp-RenderedHTML jp-OutputArea-output" tabindex="0">' in marked
    assert _focusable('<html><body class="other"><div class="jp-OutputArea-output"></div></body></html>') is None
