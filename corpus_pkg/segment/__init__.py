"""Segment a page into articles and give every line a role (see `units` for the passes, `decide` for
the page decision, `score` and `single` for the one-article reading)."""

from .classes import ANCHORS, BLANK, BYLINE, CREDIT, DATELINE, DOMAIN, FRAGMENT, FURNITURE, HEADING, PROSE, SOURCE, URL
from .decide import Layout, PageDecision, decide
from .score import LineScore, add_stop_words
from .units import Block, Classifier, PageAnalysis, Segmenter, Unit, make_blocks, similar, unit_span, wrap_width

__all__ = ["ANCHORS", "BLANK", "BYLINE", "CREDIT", "DATELINE", "DOMAIN", "FRAGMENT", "FURNITURE", "HEADING", "PROSE",
           "SOURCE", "URL", "Block", "Classifier", "Layout", "LineScore", "PageAnalysis", "PageDecision", "Segmenter",
           "Unit", "add_stop_words", "decide", "make_blocks", "similar", "unit_span", "wrap_width"]
