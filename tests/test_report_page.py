"""netlib.report.page: the report's exporter writes nbconvert's own page."""

from __future__ import annotations

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbconvert import HTMLExporter
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from netlib.report import page
from netlib.report.page import _new_exporter

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


@pytest.mark.parametrize("markdown", [
    "",
    "![a picture](data:image/png;base64,iVBORw0KGgo=)",  # an <img> without alt: nbconvert adds one
    '<img src="data:image/png;base64,iVBORw0KGgo=" alt="">',  # one with an alt, even empty: left
    '<div class="jp-OutputArea-output" tabindex="-1">already focusable</div>',
    '<textarea><div class="jp-OutputArea-output">text to some parsers, a tag to others</div></textarea>',
    '<div class="jp-OutputArea-output" class="twice">which class counts?</div>',
    '<div class="JP-OUTPUTAREA-OUTPUT jp-Cell-inputWrapperX">near misses</div>',
])
def test_the_report_page_is_nbconverts(markdown):
    ours, theirs = _both(_notebook(markdown))
    assert 'tabindex="0"' in ours  # something to compare
    assert ours == theirs


def test_only_divs_inside_the_notebook_become_focusable():
    body = ('<body><div class="jp-OutputArea-output">outside</div><main class="jp-Notebook">'
            '<div class="jp-Cell-inputWrapper"><p>x</p></div><span class="jp-OutputArea-output">a span</span>'
            '<div title="a > b" class="jp-RenderedHTML jp-OutputArea-output"></div></main></body>')
    marked = page._soup_pass(f"<html><head></head>{body}</html>")
    assert marked.count('tabindex="0"') == 2
    assert '<div class="jp-OutputArea-output">outside</div>' in marked
    assert '<span class="jp-OutputArea-output">a span</span>' in marked
