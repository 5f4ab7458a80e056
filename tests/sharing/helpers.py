"""Reading what a page says in its <head> and JSON-LD, with the standard library's HTML parser."""

import json
from html.parser import HTMLParser


class HeadParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta = {}
        self.links = {}
        self.title = ""
        self.json_ld = []
        self._in = None
        self._buffer = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta[key] = attrs.get("content", "")
        elif tag == "link" and attrs.get("rel"):
            self.links.setdefault(attrs["rel"], attrs.get("href"))
        elif tag == "title" or (tag == "script" and attrs.get("type") == "application/ld+json"):
            self._in, self._buffer = tag, []

    def handle_data(self, data):
        if self._in:
            self._buffer.append(data)

    def handle_endtag(self, tag):
        if tag == self._in:
            text = "".join(self._buffer)
            if tag == "title":
                self.title = text.strip()
            else:
                self.json_ld.append(json.loads(text))
            self._in = None


def read_head(html):
    """Metadata of the document's <head> (an SVG in the body has <title>s of its own)."""
    parser = HeadParser()
    parser.feed(html.split("</head>", 1)[0])
    return parser


def nodes_of_type(parser, type_name):
    return [node for document in parser.json_ld for node in document["@graph"] if node.get("@type") == type_name]


#: (address visited, address shared) for one page of every type (records: the every_page_type fixture).
SHAREABLE = [
    ("/", "/"),
    ("/paths/", "/paths/"),
    ("/paths/coder-path/", "/paths/coder-path/"),
    ("/education/", "/education/"),
    ("/education/certificate-program/", "/education/certificate-program/"),
    ("/certifications/", "/certifications/"),
    ("/certifications/?focus=coding", "/certifications/?focus=coding"),
    ("/certifications/cpc/?utm_source=x", "/certifications/cpc/"),
    ("/certifications/compare/?c=cpb&c=cpc", "/certifications/compare/?c=cpb&c=cpc"),
    ("/certifications/compare/?c=CPB&c=cpc&c=nope", "/certifications/compare/?c=cpb&c=cpc"),
    ("/skills/", "/skills/"),
    ("/skills/attention-to-detail/", "/skills/attention-to-detail/"),
    ("/careers/", "/careers/"),
    ("/search/?q=coder", "/search/?q=coder"),
    ("/plan/?education=1", "/plan/?education=1"),
]
