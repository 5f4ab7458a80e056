"""Markdown for long bodies, sanitized against an allowlist so stored content
can never inject script, event handlers, styles or javascript: links."""

import re

import markdown
import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
MARKDOWN_EXTENSIONS = ["tables", "sane_lists"]

# Whitespace and control characters some URL parsers skip inside a scheme ("java\tscript:").
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
# Whatever stands before a colon that comes ahead of any "/", "?" or "#" is a scheme.
_SCHEME = re.compile(r"^([^/?#]*):")


def _safe_attribute(tag, attribute, value):
    """Defence in depth after nh3's own scheme check: drop any link whose scheme,
    once whitespace and control characters are removed, is not on the allowlist
    (a well-formed one like "javascript" or a malformed one like '"')."""
    if attribute == "href":
        match = _SCHEME.match(_IGNORED_IN_SCHEME.sub("", value))
        if match and match.group(1).lower() not in ALLOWED_URL_SCHEMES:
            return None
    return value


def render_markdown(text):
    """Sanitized HTML for Markdown `text`; whatever the input, the output passes the allowlist."""
    text = "" if text is None else str(text)
    try:
        html = markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html")
    except AssertionError:
        # Python's HTML parser asserts on some unfinished declarations ("<![" at the end of a
        # block); show such text literally rather than fail the page.
        html = markdown.markdown(text.replace("<", "&lt;"), extensions=MARKDOWN_EXTENSIONS, output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_safe_attribute,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
