"""The classes a block (a line or paragraph) is given on its own, before its neighbours are read."""

BLANK, FURNITURE, BYLINE, DATELINE, SOURCE, URL, DOMAIN, CREDIT, HEADING, PROSE, FRAGMENT = (
    "blank", "furniture", "byline", "dateline", "source", "url", "domain", "credit", "heading", "prose", "fragment")
ANCHORS = {BYLINE, DATELINE, SOURCE, URL, CREDIT}    # lines that place a heading above them as an article's header
# the furniture kind of a related-links box printed inside a text: boilerplate the text runs through
# (`related.mark_boxes_in_text`, `score.score_blocks`)
RELATED_BOX = "related_links"
