"""What one printed line says on its own: a date, a byline, a person's name, a URL, a heading or prose.

Pure functions over a single stripped line; the segmenter combines these cues with the line's
neighbours. The function words they look for (byline prefixes, date labels, ad labels) are data per
language (`profiles/languages.toml`), compiled by `lexicon.compile_cues` for the page's language.
Finding a date inside a line is a regex's job; reading it is a library's (see `dates`).

- `text`: shapes that hold in any script (headings, prose, word counts, Markdown links and markup, URLs)
- `dates`: dates, times, time zones and date labels
- `calendars`: dates the date parsers do not read (other calendars and eras, a language's own month names)
- `names`: persons, outlets and bylines
- `datelines`: the place, agency, reporters and date opening an article's first paragraph
- `lexicon`: a language's words compiled into patterns
"""

from .dates import TIME, DateReading, FoundDate, find_date, find_dates, page_order, read_dates
from .fields import FieldLabels, HeaderLine, field_labels, read_header_fields
from .lexicon import LineCues, compile_cues, label_key, photo_label
from .datelines import Dateline, read_dateline
from .names import (Byline, credit_line, listed_persons, looks_like_organisation, names_with_job_title,
                    normalise_outlet_case, parse_byline)
from .persons import (NAME_WORD, bio_name, looks_like_caseless_name, looks_like_person, name_of_line, normalise_person,
                      split_person_list, without_handles)
from .text import (URL, bare_domain, unbracketed, comparison_key, content_words, ends_quoted_sentence, ends_sentence, find_urls, glued_headline, is_heading_like, is_prose,
                   is_standfirst, marks_no_sentence_end, normalise_space, reduce_links, site_name_readings, unspaced_bigrams, word_equivalents, url_domain, without_emphasis, without_markup, without_tool_marks, word_count)

__all__ = [
    "NAME_WORD", "TIME", "Byline", "DateReading", "FoundDate", "LineCues", "URL", "FieldLabels", "HeaderLine", "field_labels", "read_header_fields", "bare_domain", "bio_name", "comparison_key", "compile_cues", "content_words", "credit_line", "Dateline", "read_dateline",
    "ends_quoted_sentence", "ends_sentence", "find_date", "find_dates", "find_urls", "glued_headline", "is_heading_like", "is_prose", "marks_no_sentence_end", "is_standfirst", "label_key", "photo_label",
    "listed_persons", "looks_like_caseless_name", "name_of_line", "looks_like_organisation", "looks_like_person", "names_with_job_title", "normalise_outlet_case",
    "normalise_person", "normalise_space", "page_order", "parse_byline", "read_dates", "reduce_links", "site_name_readings", "split_person_list",
    "unbracketed", "unspaced_bigrams", "word_equivalents", "url_domain", "without_emphasis", "without_handles", "without_markup", "without_tool_marks", "word_count",
]
