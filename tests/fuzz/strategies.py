"""Hypothesis strategies for articles that mix what real news copy holds: every quotation
mark (balanced or not), numbers in every form, verbless lines, headings, lists, datelines,
very long paragraphs and non-Latin scripts."""

from __future__ import annotations

from hypothesis import strategies as st

MARKS = ["“", "”", "„", '"', "«", "»", "‘", "’", "'"]
NAMES = ["Anna Keller", "Putin", "the minister", "officials", "He", "She", "they", "NATO",
         "a senior US official", "Dr. Lee", "the country's top diplomat", "Kyiv"]
VERBS = ["said", "told reporters", "added", "warned", "according to", "stated that",
         "claimed", "insisted", "denied", "asked"]
NUMBERS = ["150,000", "30 to 35,000", "between 100,000 and 130,000", "tens of thousands",
           "a dozen", "more than 7,000", "up to 190,000", "at least 14", "nearly 14,000",
           "30 kilometers (18 miles)", "$2.5bn", "12%", "3.5 million", "12:50 p.m.",
           "Feb. 15, 2022", "in 2014", "1990s", "two-thirds", "1,000s", "0", "-5", "10^9",
           "9,999,999,999,999", "one", "a hundred", "1.5", "4-5", "2014-2022", "No. 3"]
WORDS = ["troops", "people", "talks", "war", "sanctions", "were killed", "the border",
         "diplomacy", "withdrawal", "pullback", "estimate", "now", "previous", "since"]
SCRIPTS = ["Путин заявил, что «войны не будет».", "الحرب ليست خيارا", "战争不是选项",
           "Ζελένσκι", "שלום", "🙂🙃", "\u200b", "\u00a0", "e\u0301"]
LINE_SHAPES = ["BREAKING NEWS", "•", "- ", "1.", "KYIV, Ukraine —", "WASHINGTON (VOA) —",
               "Q:", "A:", "###", "Update", "Photo: AP", "12:50 p.m."]


def _pieces() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(MARKS), st.sampled_from(NAMES), st.sampled_from(VERBS),
        st.sampled_from(NUMBERS), st.sampled_from(WORDS), st.sampled_from(SCRIPTS),
        st.sampled_from([",", ".", ":", ";", "—", "(", ")", "?", "!", "…"]),
        st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12),
    )


@st.composite
def sentences(draw) -> str:
    """A sentence-ish run of pieces: quotes, names, verbs, numbers, words, scripts."""
    return " ".join(draw(st.lists(_pieces(), min_size=1, max_size=25)))


@st.composite
def paragraphs(draw) -> str:
    """A paragraph: a shaped line (heading, bullet, dateline) or sentences, sometimes long."""
    kind = draw(st.sampled_from(["shape", "sentences", "long", "word"]))
    if kind == "shape":
        return draw(st.sampled_from(LINE_SHAPES)) + " " + draw(sentences())
    if kind == "word":
        return draw(st.sampled_from(WORDS + NAMES + LINE_SHAPES))
    count = draw(st.integers(1, 4 if kind == "sentences" else 60))
    return " ".join(draw(sentences()) for _ in range(count))


@st.composite
def articles(draw) -> str:
    """A headline, then paragraphs separated by blank lines."""
    headline = draw(sentences())
    body = draw(st.lists(paragraphs(), min_size=1, max_size=12))
    return "\n\n".join([headline, *body]) + "\n"
