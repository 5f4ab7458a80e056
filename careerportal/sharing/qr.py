"""QR codes of the site's own canonical addresses, as inline SVG made on the server.

Only templates call this, with the canonical address of the page being shown;
no URL or parameter turns arbitrary text into a QR code.
"""

from functools import lru_cache

import segno
from django.utils.safestring import mark_safe
from django.utils.translation import gettext


@lru_cache(maxsize=512)
def _svg(url, title):
    # segno escapes the title; its SVG has presentation attributes only, no style attribute (CSP).
    svg = segno.make(url, error="m").svg_inline(omitsize=True, title=title, svgclass="qr-code", lineclass="qr-modules")
    return svg.replace("<svg ", '<svg role="img" ', 1)


def qr_svg(url):
    """An accessible, scalable SVG QR code of `url`."""
    return mark_safe(_svg(url, gettext("QR code of the address %(url)s") % {"url": url}))  # noqa: S308 - segno output
