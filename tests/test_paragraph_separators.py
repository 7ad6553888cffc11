"""Scraped pages break blocks with U+2029, U+2028, U+0085, form feeds: each ends a sentence
as a blank line does, so page boilerplate does not swallow the news after it; a single
newline (wrapped prose) does not."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc
import spacy

from eventcoder.nlp import line_breaks, paragraph_boundaries


@pytest.mark.parametrize("space, breaks", [
    ("\n\n", 2), ("\u2029", 2), ("\u2028", 2), ("\u0085", 2), ("\r\n\r\n", 2),
    ("\x0c", 2), ("\x0b", 2), ("\u2028 \u2028", 4), ("\r\n", 1), ("\n", 1), ("\r", 1),
    ("  ", 0), ("\u00a0", 0)])
def test_line_breaks_count_every_kind_of_break(space, breaks):
    assert line_breaks(space) == breaks


@pytest.mark.parametrize("space, starts", [
    ("\u2029", True), ("\u2028", True), ("\u0085", True), ("\x0c", True), ("\n\n", True),
    ("\n", None), ("\r\n", None)])
def test_a_paragraph_break_starts_a_sentence(space, starts):
    words = ["Subscribe", "to", "our", "newsletter", space, "Kenyan", "police", "arrested",
             "protesters"]
    doc = paragraph_boundaries(Doc(spacy.blank("en").vocab, words=words,
                                   spaces=[True, True, True, False, False, True, True, True,
                                           False]))
    assert doc[5].is_sent_start is starts


@pytest.mark.parametrize("boilerplate, separator, sentence, code", [
    ("Subscribe to our newsletter", "\u2029\u2029",
     "Kenyan police arrested dozens of protesters in Nairobi.", "173"),
    ("Share this article", "\u2029", "Syrian rebels attacked an army base near Aleppo.", "19"),
    ("Advertisement", "\u2028\u2028", "Protesters were arrested by Pakistani police in Lahore.",
     "173"),
    ("Related stories", "\u0085", "Nigerian troops have attacked militants in Borno.", "19"),
    ("Read more", "\x0c", "The army will attack the rebel camp, officials said.", "19"),
    ("\x07 Related stories \x00\x0cAdvertisement\u200b", "\x85",
     "Pakistani troops attacked Indian soldiers in Kashmir on Monday.", "19"),
])
def test_news_after_page_boilerplate_is_coded(engine_factory, boilerplate, separator, sentence,
                                              code):
    events = engine_factory("cameo").code_texts([boilerplate + separator + sentence])
    assert any(e["event_code"].startswith(code) for e in events), events
