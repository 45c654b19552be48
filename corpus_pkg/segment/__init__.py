"""Segment a page into articles and give every line a role (see `units` for the passes: `blocks`, `classify`,
`runs` and `body` for the several-article reading, `roles`; `decide` for the page decision, `score` and `single`
for the one-article reading)."""

from .blocks import Block, PageAnalysis, Unit, make_blocks, wrap_width
from .classes import ANCHORS, BLANK, BYLINE, CREDIT, DATELINE, DOMAIN, FRAGMENT, FURNITURE, HEADING, PROSE, SOURCE, URL
from .classify import Classifier
from .decide import Layout, PageDecision, decide
from .roles import unit_span
from .score import LineScore, add_stop_words
from .similar import similar
from .single import is_anchor
from .units import Segmenter

__all__ = ["ANCHORS", "BLANK", "BYLINE", "CREDIT", "DATELINE", "DOMAIN", "FRAGMENT", "FURNITURE", "HEADING", "PROSE",
           "SOURCE", "URL", "Block", "Classifier", "Layout", "LineScore", "PageAnalysis", "PageDecision", "Segmenter",
           "Unit", "add_stop_words", "decide", "is_anchor", "make_blocks", "similar", "unit_span", "wrap_width"]
