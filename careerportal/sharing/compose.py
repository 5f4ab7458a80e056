"""Email (mailto:) and text-message (sms:) links that open a new message with a
page's title and address, percent-encoded so they work without JavaScript."""

from urllib.parse import quote

#: RFC 6068: line breaks in a mailto: body are CRLF.
CRLF = "\r\n"


def encoded(text):
    return quote(str(text), safe="")


def email_href(*, title, url):
    """mailto: with the title as subject, and the title and address as body."""
    return f"mailto:?subject={encoded(title)}&body={encoded(f'{title}{CRLF}{url}')}"


def text_href(*, title, url):
    """sms: with the title and address as body; `?&body=` opens a message on both Android and iOS."""
    return f"sms:?&body={encoded(f'{title} {url}')}"
