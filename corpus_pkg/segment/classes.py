"""The classes a block (a line or paragraph) is given on its own, before its neighbours are read."""

BLANK, FURNITURE, BYLINE, DATELINE, SOURCE, URL, DOMAIN, CREDIT, HEADING, PROSE, FRAGMENT = (
    "blank", "furniture", "byline", "dateline", "source", "url", "domain", "credit", "heading", "prose", "fragment")
ANCHORS = {BYLINE, DATELINE, SOURCE, URL, CREDIT}    # lines that place a heading above them as an article's header
