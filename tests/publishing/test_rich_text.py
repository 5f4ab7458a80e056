"""Markdown bodies are sanitized: no script, event handler, style or javascript: URL survives."""

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from publishing.rich_text import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, render_markdown

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<p style="background:url(javascript:alert(1))" onclick="alert(1)">hi</p>',
    "<style>body{display:none}</style>",
    '<iframe src="javascript:alert(1)"></iframe>',
    "<object data=javascript:alert(1)>",
    '<base href="javascript:">',
    "<meta http-equiv=refresh content=0;url=javascript:alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](jav&#x61;script:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click][1]\n\n[1]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "![x](javascript:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="java&#9;script:alert(1)">x</a>',
    '<a href="java&#10;script:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="\x01javascript:alert(1)">x</a>',
    '<a href="https://example.org" onmouseover="alert(1)">x</a>',
    '[x](https://example.org/" onclick="alert(1))',
    '[x]("onmouseover=alert(1))',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<!-- <script>alert(1)</script> -->",
    '<table><tr><td style="x" onclick="y">1</td></tr></table>',
]


class Inspector(HTMLParser):
    """Collects every tag and attribute a browser would see."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.attributes = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]

    handle_startendtag = handle_starttag


def assert_harmless(html):
    inspector = Inspector()
    inspector.feed(html)
    inspector.close()
    assert set(inspector.tags) <= ALLOWED_TAGS, inspector.tags
    for tag, name, value in inspector.attributes:
        assert not name.startswith("on"), (tag, name)
        assert name != "style", (tag, name)
        assert name in ALLOWED_ATTRIBUTES.get(tag, set()) | {"rel"}, (tag, name)
        if name == "href":
            # As browsers parse it: a colon after the first "/", "?" or "#" belongs to a relative address.
            head = re.split(r"[/?#]", "".join(value.split()).lower(), maxsplit=1)[0]
            scheme = head.split(":", 1)[0] if ":" in head else ""
            assert scheme in {"", "http", "https", "mailto"}, value
    assert "<script" not in html.lower()


def test_link_with_a_malformed_scheme_loses_its_address():
    # Found by hypothesis: the link's address was '":alert(' before the sanitizer knew malformed schemes.
    assert "href" not in render_markdown('[](":alert(1)')


def test_a_colon_inside_a_fragment_is_no_scheme():
    # Found by hypothesis: '#"data:alert(' is a link within the page, not a data: address.
    html = render_markdown('[](#"data:alert(1)')
    assert 'href="#&quot;data:alert("' in html
    assert_harmless(html)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_xss_payload_is_neutralised(payload):
    assert_harmless(render_markdown(payload))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_xss_payload_inside_ordinary_markdown_is_neutralised(payload):
    assert_harmless(render_markdown(f"## Exam\n\nSome *text* before.\n\n- item {payload}\n- [ok](https://aapc.com)\n"))


def test_ordinary_markdown_keeps_its_structure():
    html = render_markdown(
        "## Fees\n\n**Members** pay less. See [AAPC](https://www.aapc.com/).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    assert "<h2>Fees</h2>" in html
    assert "<strong>Members</strong>" in html
    assert '<a href="https://www.aapc.com/" rel="noopener noreferrer">AAPC</a>' in html
    assert "<table>" in html and "<td>1</td>" in html


def test_code_spans_show_markup_as_text():
    assert render_markdown("`<script>`") == "<p><code>&lt;script&gt;</code></p>"


@pytest.mark.parametrize("value", [None, "", 0, 42])
def test_empty_or_non_text_input_does_not_fail(value):
    assert isinstance(render_markdown(value), str)


FRAGMENTS = st.sampled_from(
    [
        "<",
        ">",
        '"',
        "'",
        "=",
        "(",
        ")",
        "[",
        "]",
        ":",
        "/",
        "&#",
        ";",
        "\t",
        "\n",
        " ",
        "script",
        "javascript",
        "onerror",
        "onload",
        "style",
        "href",
        "src",
        "img",
        "a",
        "svg",
        "x",
        "alert(1)",
        "](",
        "![",
        "<a ",
        "</",
        "&#x61;",
        "data:",
        "`",
        "*",
        "#",
    ]
)


@pytest.mark.parametrize("text", ["<![", "Intro\n\n<![", "<![ ", "a\n<!["])
def test_unfinished_markup_declaration_is_shown_as_text(text):
    # Python's HTML parser asserts on a trailing "<![" (found by the hypothesis test below).
    html = render_markdown(text)
    assert "&lt;![" in html
    assert_harmless(html)


@settings(max_examples=400, deadline=None)
@given(st.lists(FRAGMENTS, max_size=40).map("".join))
def test_any_mix_of_dangerous_fragments_renders_harmless_html(text):
    assert_harmless(render_markdown(text))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_renders_harmless_html(text):
    assert_harmless(render_markdown(text))
