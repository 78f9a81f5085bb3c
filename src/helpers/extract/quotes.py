"""Who said what: every direct quote and every piece of reported speech, with its speaker.

Direct quotes are found from quotation marks, paragraph by paragraph, so a missing mark never
swallows the rest of the article: an opening mark left open ends at the paragraph's end, and a
closing mark with no opening one starts after the previous quote (or at the first sentence
before it that holds no speech verb). A quote's speaker comes, in order, from

1. a speech verb that governs the quoted words in the dependency parse ("Biden stated that the
   US will give diplomacy “every chance”", "Putin stated, “…”", "calling it a “…”");
2. a speech verb before a colon that opens the quote ("told reporters: “…”"), else one after
   the quote in the same sentence (",” Biden added", ",” said X");
3. a speech verb before it in the same sentence, or a speech noun with an owner ("the
   Kremlin's dismissal … as “hysteria”");
4. the quote next to it in the same paragraph, or the one closing the paragraph before (quotes
   of a few words with none of the above are scare quotes and are dropped).

Reported speech is the that-clause (or to-infinitive, or "according to" frame) of a speech verb
outside quotation marks; a negated verb, a passive one done to its subject ("was charged") and
one whose subject is data ("the tally says") report nothing. Speakers named by a pronoun ("He
said"), a title ("The president") or a description ("the agency") are resolved to the actor
named before. The cue words are in `data/rules/cues.txt`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from helpers.extract.actors import Actors
from helpers.extract.blocks import Speaker, find_blocks
from helpers.extract.deps import (
    ACTIVE_SUBJECT_DEPS,
    ANY_SUBJECT_DEPS,
    SAID_DEPS,
    SAID_NOUN_DEPS,
    SPEECH_CHAIN_DEPS,
)
from helpers.extract.records import Mention, Quote
from helpers.extract.references import pronoun
from helpers.extract.turns import Turn, find_turns
from helpers.source.article import count_words
from helpers.vocab import ActorType, QuoteKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from helpers.extract.reading import Reading
    from helpers.extract.ruleset import Rules


TRIM = " \t\n,;:"
SCARE_QUOTE_WORDS = 4
"""A quote shorter than this needs its own cue; otherwise it may be a scare quote or a title."""

MIN_REPORTED_WORDS = 3
"""Reported speech needs at least this many words outside quotation marks."""

TITLE_WORDS = 8
"""The longest title of a work read in quotation marks ('“Make Your Kid a Millionaire”')."""
MAKER_LOOKBACK = 10
"""How many earlier mentions of 'report' a bare 'the report' looks back through for a maker."""
APPOSITIONS = 2
"""Title phrases between commas read before a speaker's name ('the mayor, Jane Ortiz')."""
APPOSITION_TOKENS = 5
RELATIVE_TAGS = {"WDT", "WP"}
SIGNATURE = re.compile(r"(?P<dash>[―—–]|--?)\s*(?P<name>[^\W\d_][^.!?]{0,80}?)[.\s]*$")
"""A dash and a name closing a paragraph after a quote: who signed it."""


@dataclass(frozen=True)
class Marked:
    """Text between quotation marks (marks excluded), as found in one paragraph."""

    start: int
    end: int
    paragraph: int
    runs_to_end: bool


def cue_adjective(token: Token, rules: Rules) -> Token | None:
    """The adjective that makes `token` a speech phrase ('made it clear'), or None."""
    lemma = token.lemma_.lower()
    pairs = rules.cues.adjectives
    return next((child for child in token.children
                 if (lemma, child.lemma_.lower()) in pairs), None)


def is_cue_verb(token: Token, rules: Rules) -> bool:
    """True for a speech verb from the cue list ('stated', 'adding', 'refused') or a speech
    phrase of a verb and an adjective ('made it clear')."""
    if token.pos_ not in ("VERB", "AUX") or token.dep_ == "amod":  # 'so-called', 'stated aims'
        return False
    return token.lemma_.lower() in rules.cues.verbs or cue_adjective(token, rules) is not None


def _quoting_verb(token: Token, rules: Rules) -> bool:
    """A verb that attributes the quoted words it governs (`Cues.quoting`)."""
    return (token.pos_ == "VERB" and token.dep_ != "amod"
            and token.lemma_.lower() in rules.cues.quoting)


class Quotes:
    """The quote extractor for one parsed article."""

    def __init__(self, reading: Reading, actors: Actors) -> None:
        self.reading = reading
        self.rules = reading.rules
        self.doc = reading.doc
        self.article = reading.article
        self.actors = actors
        self.sentences = reading.sentences
        self.sentence_starts = [start for start, _ in self.sentences]
        self.marked = self._marked()
        self.marked_starts = [m.start for m in self.marked]
        self.spoken: list[Quote] = []
        """The direct quotes known: who says the words a pronoun 'I' or 'we' is in (none while
        the turns are found; `direct` adds each it finds, `reported` is given them all)."""
        self.turns = find_turns(self.article, actors, self.rules) or find_blocks(
            self.article, self.rules.marks, self._introduced_by, self._reports_other)
        self.turn_starts = [turn.start for turn in self.turns]
        self.cue_above: dict[int, Token | None] = {}
        """Token index -> the speech verb `_governing_cue` finds above it (each climb once)."""
        self.noun_cues: dict[int, Token | None] = {}
        """Sentence start -> its speech noun with an owner (`_noun_cue`), each sentence once."""

    # -- quotation-mark spans -------------------------------------------------------------

    def _marked(self) -> list[Marked]:
        spans = []
        for stretch in self.reading.stretches:
            start, end = stretch.start, stretch.end
            if start is None:
                start = self._orphan_start(stretch.lower, end)
            if stretch.runs_to_end:
                end = self._unclosed_end(start, end)
            start, end = _trim(self.article.text, start, end)
            if end > start and re.search(r"\w", self.article.text[start:end]):
                spans.append(Marked(start, end, stretch.paragraph, stretch.runs_to_end))
        return spans

    def _orphan_start(self, lower: int, end: int) -> int:
        """Where a quote with no opening mark starts: the first sentence start with no cue."""
        text = self.article.text
        starts = [lower] + [m.end() + lower for m in re.finditer(r"[.!?…]\s+", text[lower:end])]
        for start in starts:
            if not any(is_cue_verb(t, self.rules) for t in self._tokens(start, end)):
                return start
        return starts[-1]

    def _unclosed_end(self, start: int, end: int) -> int:
        """Where a quote whose closing mark is missing ends: before its own attribution
        (', the mayor said', ', said X'), when the paragraph holds one; else at the end."""
        for token in self._tokens(start, end):
            if token.idx <= start or not is_cue_verb(token, self.rules):
                continue
            subject = _own_subject(token)
            first = subject.left_edge.i if subject is not None and subject.i < token.i else token.i
            first = _apposition_start(self.doc, first)
            if first > 0 and self.doc[first - 1].text == "," and self.doc[first - 1].idx > start:
                return self.doc[first - 1].idx
        return end

    def _tokens(self, start: int, end: int) -> list[Token]:
        if end <= start:
            return []
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return list(span) if span is not None else []

    def in_quote(self, token: Token) -> bool:
        """True when `token` lies between quotation marks."""
        return self._offset_in_quote(token.idx)

    def turn_at(self, offset: int) -> Turn | None:
        """The transcript turn that holds character `offset`, or None."""
        index = bisect.bisect_right(self.turn_starts, offset) - 1
        if index >= 0 and self.turns[index].start <= offset < self.turns[index].end:
            return self.turns[index]
        return None

    def sentence_of(self, offset: int) -> tuple[int, int]:
        """The sentence (clipped at paragraph breaks) holding character `offset`."""
        index = max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)
        return self.sentences[index]

    # -- block statements ('X said:' and a paragraph of X's words) -------------------------

    def _introduced_by(self, start: int, end: int, previous: Speaker | None) -> Speaker | None:
        """The speaker an introduction names: a name right before its colon, else the subject
        of its last sentence's main verb, when that is a name or stands for one ('he' right
        after a block statement is its speaker, `previous`)."""
        named = [m for m in self.actors.within(start, end)
                 if m.end == end and m.type != ActorType.PLACE]
        if named:
            return named[-1].actor, named[-1].form, ""
        tokens = self._tokens(start, end)
        if not tokens:
            return None
        verb = tokens[-1].sent.root
        subject = _subject(verb, self.rules) if verb.pos_ in ("VERB", "AUX") else None
        if subject is not None and (subject.is_punct or subject.pos_ == "X"):
            subject = None  # a tag read as the subject: 'X (@handle) [es] wrote:'
        if subject is not None:
            subject = _named_apposition(self._source_of(subject), self.rules)
        word = pronoun(subject.text, self.rules) if subject is not None else None
        if (previous is not None and word is not None
                and word.refer_to_types == (ActorType.PERSON,)):
            return previous[0], subject.text, verb.lower_
        if subject is None and verb.pos_ == "VERB":  # a tag cut the parse: 'X [es] wrote:'
            found = self._first_name_before(start, verb)
            return (found[0], found[1], verb.lower_) if found is not None else None
        if subject is None or self.in_quote(subject) or not (
                subject.pos_ == "PROPN" or subject.i in self.actors.references
                or self.actors.covering(subject.idx) is not None):
            return None
        actor, written = self._speaker_of_verb(verb)
        return (actor, written, verb.lower_) if actor else None

    def _first_name_before(self, start: int, verb: Token) -> tuple[str, str] | None:
        """The first name before a verb in its sentence (read from the text from `start`, as
        the parser may cut a sentence at a tag), outside brackets and quotation marks: a
        person the model tagged, else a run of proper nouns."""
        ends = list(re.finditer(r"[.!?]\s", self.article.text[start:verb.idx]))
        start += ends[-1].end() if ends else 0
        tokens, depth = [], 0
        for token in self._tokens(start, verb.idx):
            depth += (token.text in "([") - (token.text in ")]")
            if depth <= 0 and token.i < verb.i and not self.in_quote(token):
                tokens.append(token)
        people = [self.actors.covering(t.idx) for t in tokens]
        person = next((m for m in people if m is not None and m.type == ActorType.PERSON), None)
        if person is not None:
            return person.actor, person.form
        run = [t for t in tokens if t.pos_ == "PROPN"]
        if not run:
            return None
        last = run[0]
        for token in run[1:]:  # the head of the first run: 'Alberto Esteva' -> Esteva
            if token.i != last.i + 1:
                break
            last = token
        return self._name(last)

    def _reports_other(self, paragraph: int) -> bool:
        """True when paragraph `paragraph` (0-based) reports a third party's words: a speech
        verb outside quotation marks whose subject is a name or a third-person pronoun."""
        start = self.article.paragraph_starts[paragraph]
        for token in self._tokens(start, start + len(self.article.paragraphs[paragraph])):
            if is_cue_verb(token, self.rules) and not self.in_quote(token):
                subject = _own_subject(token)
                word = pronoun(subject.text, self.rules) if subject is not None else None
                if subject is not None and (subject.pos_ == "PROPN" or (
                        word is not None and word.refers_to != "speaker")):
                    return True
        return False

    # -- direct quotes --------------------------------------------------------------------

    def direct(self) -> list[Quote]:
        """Every direct quote with its speaker: transcript turns and block statements, then
        words in marks."""
        quotes = [self._quote(turn.speaker, turn.label, turn.cue or turn.label.lower(),
                              QuoteKind.DIRECT, turn.start, turn.end)
                  for turn in self.turns if turn.role != "questioner"]
        self.spoken = list(quotes)
        found: dict[int, tuple[str, str, str]] = {}
        for index, marked in enumerate(self.marked):
            attribution = self._explicit(marked, index) or self._signed(marked)
            if attribution is not None:
                found[index] = attribution
        for index, marked in enumerate(self.marked):
            turn = self.turn_at(marked.start)
            attribution = found.get(index) or self._inherited(index, found) or (
                (turn.speaker, turn.label, turn.label.lower()) if turn is not None else None)
            if attribution is not None:
                found[index] = attribution  # a quote in the next paragraph may continue it
            if attribution is None or (turn is not None and turn.role == "questioner") or (
                    self._names_a_work(marked)):
                continue
            speaker, written, cue = attribution
            quote = self._quote(speaker, written, cue, QuoteKind.DIRECT, marked.start, marked.end)
            quotes.append(quote)
            self.spoken.append(quote)
        return quotes

    def _names_a_work(self, marked: Marked) -> bool:
        """True when the quoted words are the title of a show, book or law ('on “Face the
        Nation”', and 'said on “Meet the Press.”', where the sentence's full stop stands
        inside the marks after a preposition's title), unless a verb of naming governs them
        ('called her “Miss Piggy”')."""
        text = self.article.text[marked.start:marked.end]
        span = self.doc.char_span(marked.start, marked.end, alignment_mode="expand")
        if not work_title(text, self.rules) and not (
                text.endswith(".") and work_title(text[:-1], self.rules)
                and span is not None and _after_preposition(span)):
            return False
        cue = self._governing_cue(span, marked.paragraph) if span is not None else None
        return cue is None or not _quoting_verb(cue, self.rules)

    def _explicit(self, marked: Marked, index: int) -> tuple[str, str, str] | None:
        """Speaker, as written, cue of a quote from its own sentence, or None."""
        span = self.doc.char_span(marked.start, marked.end, alignment_mode="expand")
        if span is None:
            return None
        cue = self._governing_cue(span, marked.paragraph) or self._frame_cue(marked, index)
        if cue is not None:
            return self._speaker_of_verb(cue) + (cue.lower_,)
        noun = self._noun_cue(marked)
        if noun is not None:
            owner = next(child for child in noun.children if child.dep_ == "poss")
            return self._name(owner) + (noun.lower_,)
        return None

    def _signed(self, marked: Marked) -> tuple[str, str, str] | None:
        """The speaker a quote is signed with: a dash and a name that end its paragraph
        ('“We will fix the roads.” ― Jane Ortiz', as testimonials and epigraphs print them);
        nobody known, but not the speaker before, when the signature names no actor."""
        paragraph = self.article.paragraph_starts[marked.paragraph - 1]
        end = paragraph + len(self.article.paragraphs[marked.paragraph - 1])
        after = self.article.text[marked.end:end]
        signature = after.lstrip(self.rules.marks.all + ",. ")
        match = SIGNATURE.match(signature)
        if match is None:
            return None
        start = end - len(signature)
        names = [m for m in self.actors.within(start + match.start("name"), end)
                 if m.type != ActorType.PLACE]
        if not names or names[0].start != start + match.start("name"):
            return "", match.group("name").strip(), match.group("dash")
        return names[0].actor, names[0].form, match.group("dash")

    def _governing_cue(self, span: Span, paragraph: int) -> Token | None:
        """A speech verb outside the quote that the quoted words depend on."""
        for token in span:
            if token.head.i in range(span.start, span.end):
                continue
            if (cue := self._cue_above(token, paragraph)) is not None:
                return cue
        return None

    def _cue_above(self, token: Token, paragraph: int) -> Token | None:
        """The first ancestor of `token` that is a speech verb outside quotes, climbing no
        further than `paragraph`. Every climb is remembered, so a long sentence of many quotes
        is climbed once, not once a quote (that was quadratic)."""
        climbed, found = [token], None
        for _ in range(len(self.doc)):  # bounded: the climb ends at the root
            current = climbed[-1]
            head = current.head
            if head.i == current.i or self.article.paragraph_at(head.idx) != paragraph:
                break
            if ((is_cue_verb(head, self.rules) or _quoting_verb(head, self.rules))
                    and not self.in_quote(head)):
                found = head
                break
            if head.i in self.cue_above:
                found = self.cue_above[head.i]
                break
            climbed.append(head)
        for step in climbed:
            self.cue_above[step.i] = found
        return found

    def _frame_cue(self, marked: Marked, index: int) -> Token | None:
        """A speech verb after the quote in its sentence, else one before it; one before a
        colon that opens the quote comes first ('told KTLA: “…”')."""
        opening = self.article.text[max(0, marked.start - 3):marked.start]
        colon = opening.rstrip(self.rules.marks.all + " ").endswith(":")
        # the parser may start a new sentence after the colon: read back from the colon's
        sentence_start, _ = self.sentence_of(marked.start - len(opening) if colon
                                             else marked.start)
        before_start = sentence_start
        if index and self.marked[index - 1].paragraph == marked.paragraph:
            before_start = max(before_start, self.marked[index - 1].end)
        before = [t for t in self._tokens(before_start, marked.start) if t.idx < marked.start]
        cue_before = next((t for t in reversed(before) if is_cue_verb(t, self.rules)
                           and not self.in_quote(t)), None)
        if cue_before is not None and colon:
            return cue_before
        _, after_end = self.sentence_of(max(marked.start, marked.end - 1))
        if index + 1 < len(self.marked):
            after_end = min(after_end, self.marked[index + 1].start)
        for token in self._tokens(marked.end, after_end):
            if is_cue_verb(token, self.rules) and not self.in_quote(token):
                return token
        return cue_before

    def _noun_cue(self, marked: Marked) -> Token | None:
        """A speech noun with an owner in the quote's sentence ('X's dismissal of …')."""
        start, end = self.sentence_of(marked.start)
        if start not in self.noun_cues:  # once a sentence: a long one may hold many quotes
            self.noun_cues[start] = next(
                (token for token in self._tokens(start, end)
                 if token.lemma_.lower() in self.rules.cues.nouns and not self.in_quote(token)
                 and any(child.dep_ == "poss" for child in token.children)), None)
        return self.noun_cues[start]

    def _inherited(self, index: int, found: dict[int, tuple[str, str, str]]) -> tuple | None:
        """The attribution of the nearest quote in the same paragraph (or continued from one)."""
        marked = self.marked[index]
        if len(self.article.text[marked.start:marked.end].split()) < SCARE_QUOTE_WORDS:
            return None
        same = [i for i in found if self.marked[i].paragraph == marked.paragraph]
        before = [i for i in same if i < index]
        after = [i for i in same if i > index]
        if before:
            return found[max(before)]
        if after:
            return found[min(after)]
        paragraph_start = self.article.paragraph_starts[marked.paragraph - 1]
        if marked.start - paragraph_start > 1:
            return None
        previous = [i for i in found if self.marked[i].paragraph == marked.paragraph - 1]
        if previous:
            return found[max(previous)]
        return self._last_speech(marked.paragraph - 1)

    def _last_speech(self, paragraph: int) -> tuple[str, str, str] | None:
        """The attribution of the paragraph before one that is all quote: who it says will
        speak ('X released the following statement'), else its last speech verb outside quotes
        ('Maynard says ...'), or None."""
        if paragraph < 1:
            return None
        start = self.article.paragraph_starts[paragraph - 1]
        end = start + len(self.article.paragraphs[paragraph - 1])
        announced = self._announced(start, end)
        if announced is not None:
            return announced
        verbs = [t for t in self._tokens(start, end)
                 if is_cue_verb(t, self.rules) and not self.in_quote(t)]
        for verb in reversed(verbs):
            speaker, written = self._speaker_of_verb(verb)
            if speaker:
                return speaker, written, verb.lower_
        return None

    def _announced(self, start: int, end: int) -> tuple[str, str, str] | None:
        """Who announces the statement that follows ('X released the following statement'),
        whatever else the paragraph reports after it; None when it announces none."""
        for token in self._tokens(start, end):
            if (token.lemma_.lower() in self.rules.cues.nouns | self.rules.source_nouns
                    and any(c.lower_ == "following" for c in token.children)
                    and token.head.pos_ == "VERB" and not self.in_quote(token)):
                speaker, written = self._speaker_of_verb(token.head)
                if speaker:
                    return speaker, written, token.head.lower_
        return None

    # -- reported speech ------------------------------------------------------------------

    def reported(self, direct: Sequence[Quote]) -> list[Quote]:
        """Every piece of reported speech (outside quotation marks) with its speaker; 'I' and
        'we' inside a `direct` quote (the direct quotes, found first) are its speaker's."""
        self.spoken = list(direct)
        found = []
        for token in self.doc:
            turn = self.turn_at(token.idx)
            if self.in_quote(token) or (turn is not None and turn.role == "questioner"):
                continue
            content = self._content(token)
            if content is None:
                continue
            start, end, speaker, written, cue = content
            words = _unquoted_words(self.article.text, start, end, self.marked)
            if words >= MIN_REPORTED_WORDS:
                found.append(self._quote(speaker, written, cue, QuoteKind.REPORTED, start, end))
        return _drop_nested(found)

    def _content(self, token: Token) -> tuple[int, int, str, str, str] | None:
        """(start, end, speaker, as written, cue) of what `token` reports, or None."""
        if is_cue_verb(token, self.rules) and not _negated(token) and _speaks(token, self.rules):
            clause = self._clause(token)
            if clause is not None:
                skip = _cue_branches(clause, self.rules)
                if clause.i == token.head.i and _around(token, self.rules):
                    if any(self.in_quote(t) for t in clause.subtree):
                        return self._frame(token)  # a mixed quote: its marked words are direct
                    skip |= {t.i for t in token.subtree}
                start, end = self._span_of(clause, exclude=skip)
                return start, end, *self._speaker_of_verb(token), token.lower_
        if token.lemma_.lower() in self.rules.cues.nouns and token.pos_ == "NOUN":
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            clause = next((c for c in token.children if c.dep_ in SAID_NOUN_DEPS
                           and any(g.dep_ == "mark" for g in c.children)), None)
            if owner is not None and clause is not None:
                start, end = self._span_of(clause)
                return start, end, *self._name(owner), token.lower_
        return self._frame(token)

    def _clause(self, verb: Token) -> Token | None:
        """The that-clause, gerund or (for verb+to cues) to-infinitive a speech verb reports;
        for a parenthetical verb ('X, said Mr. Bush, is Y'), the clause around it."""
        for child in verb.children:
            if child.dep_ == "ccomp" and child.lemma_.lower() not in {
                    adjective for _, adjective in self.rules.cues.adjectives} and not _purpose(
                        child, self.rules):
                return child
        adjective = cue_adjective(verb, self.rules)
        said = next((c for c in adjective.children if c.dep_ in SAID_DEPS), None
                    ) if adjective is not None else None
        if said is not None:
            return said
        if _around(verb, self.rules):
            return verb.head
        for child in verb.children:
            if child.dep_ != "xcomp":
                continue
            if child.tag_ == "VBG" or verb.lemma_.lower() in self.rules.cues.to_verbs:
                return child
        return None

    def _frame(self, token: Token) -> tuple[int, int, str, str, str] | None:
        """'according to X, …': the clause around the frame, spoken by X."""
        for frame in self.rules.cues.frames:
            if token.lower_ != frame[0]:
                continue
            words = self.doc[token.i:token.i + len(frame)]
            if [t.lower_ for t in words] != list(frame):
                continue
            speaker = next((c for c in words[-1].children if c.dep_ == "pobj"), None)
            if speaker is None or token.head == token:
                return None
            clause = token.head
            left, right = clause.left_edge.i, clause.right_edge.i + 1
            frame_left, frame_right = token.left_edge.i, token.right_edge.i + 1
            if frame_left - left > right - frame_right:
                right = frame_left
            else:
                left = frame_right
            start, end = _strip_span(self.doc[left:right])
            return start, end, *self._name(speaker), " ".join(frame)
        return None

    def _span_of(self, head: Token, exclude: set[int] | None = None) -> tuple[int, int]:
        """Character span of `head`'s subtree without excluded tokens, a leading 'that' and
        punctuation."""
        tokens = [t for t in head.subtree if t.i not in (exclude or set())]
        paragraph = self.article.paragraph_at(head.idx)
        tokens = [t for t in tokens if self.article.paragraph_at(t.idx) == paragraph]
        while tokens and ((tokens[0].dep_ == "mark" and tokens[0].lower_ == "that")
                          or tokens[0].is_punct or tokens[0].is_space):
            tokens.pop(0)  # 'that' goes; a condition stays ('If elected, X would …')
        right = len(tokens)
        while right and (tokens[right - 1].is_punct or tokens[right - 1].is_space):
            right -= 1
        if not right:
            return head.idx, head.idx
        first, last = tokens[0], tokens[right - 1]
        end = last.idx + len(last)
        if last.i + 1 < len(self.doc) and self.doc[last.i + 1].text in self.rules.marks.closing:
            end = self.doc[last.i + 1].idx
        return self._whole_quotes(*_trim(self.article.text, first.idx, end))

    def _whole_quotes(self, start: int, end: int) -> tuple[int, int]:
        """Widen a span so that it never cuts a quotation in half (the spans are sorted and never
        overlap, so only the last one starting before each end can hold it)."""
        for index in {bisect.bisect_left(self.marked_starts, end) - 1,
                      bisect.bisect_left(self.marked_starts, start) - 1} - {-1}:
            marked = self.marked[index]
            if marked.start < end < marked.end:
                end = marked.end
            if marked.start < start < marked.end:
                start = marked.start
        return start, end

    # -- speakers -------------------------------------------------------------------------

    def _speaker_of_verb(self, verb: Token) -> tuple[str, str]:
        """The actor a speech verb belongs to, and how the text names them."""
        subject = _subject(verb, self.rules)
        if subject is None and verb.tag_ == "VBG" and verb.i and verb.nbor(-1).text == ",":
            subject = _own_subject(verb.sent.root)  # 'he made the announcement, stating …'
        if subject is not None:
            subject = _named_apposition(self._source_of(subject), self.rules)
        paragraph = self.article.paragraph_at(verb.idx)
        if subject is not None and self.article.paragraph_at(subject.idx) == paragraph:
            return self._name(subject)
        nearest = self._nearest_mention(verb)
        if nearest is not None:
            return nearest.actor, nearest.form
        start, _ = self.sentence_of(verb.idx)
        names = [t for t in self._tokens(start, verb.idx)  # a subject: never 'to Ukraine'
                 if t.pos_ in ("PROPN", "PRON") and t.dep_ in ANY_SUBJECT_DEPS
                 and t.idx < verb.idx and not self.in_quote(t)]
        return self._name(names[-1]) if names else ("", "")

    def _source_of(self, subject: Token) -> Token:
        """Who a speech or source noun comes from: 'A statement from the agency said' is the
        agency's, "the Fed's survey" the Fed's; 'the report' is made by whoever made the
        nearest earlier report the text names a maker for ('a report by the National Audit
        Office … The report said'). Any other subject is itself."""
        lemma = subject.lemma_.lower()
        if lemma not in self.rules.cues.nouns | self.rules.source_nouns:
            return subject
        maker = _maker(subject)
        if maker is not None:
            return maker
        earlier = self.actors.nouns_by_lemma.get(lemma, [])
        before = bisect.bisect_left(earlier, subject.i)
        for index in reversed(earlier[max(0, before - MAKER_LOOKBACK):before]):
            maker = _maker(self.doc[index])
            if maker is not None:
                return maker
        return subject

    def _nearest_mention(self, verb: Token) -> Mention | None:
        """The closest person or organisation named before the verb in its sentence."""
        start, _ = self.sentence_of(verb.idx)
        candidates = [m for m in self.actors.within(start, verb.idx)
                      if m.type != ActorType.PLACE and not self._offset_in_quote(m.start)]
        return candidates[-1] if candidates else None

    def _offset_in_quote(self, offset: int) -> bool:
        """True when character `offset` lies between quotation marks (the spans never overlap,
        so the one starting last before it is the only one that can hold it)."""
        index = bisect.bisect_right(self.marked_starts, offset) - 1
        return index >= 0 and offset < self.marked[index].end

    def _name(self, token: Token) -> tuple[str, str]:
        """(actor, as written) for the head token of a speaker's noun phrase; 'I' and 'we' in
        a transcript turn or a direct quote are whoever says those words."""
        actor, written = self.actors.refer(token)
        word = pronoun(token.text, self.rules)
        if word is not None and word.refers_to == "speaker":
            turn = self.turn_at(token.idx)
            inside = [q for q in self.spoken if q.start <= token.idx < q.end]
            if inside:
                return min(inside, key=lambda q: q.end - q.start).speaker, written
            if turn is not None:
                return turn.speaker, written
        return actor, written

    # -- records --------------------------------------------------------------------------

    def _quote(self, speaker: str, written: str, cue: str, kind: str, start: int,
               end: int) -> Quote:
        text = self.article.text[start:end]
        return Quote(speaker, text, kind, cue, self.article.paragraph_at(start), start, end,
                     written, count_words(text))


def _subject(verb: Token, rules: Rules) -> Token | None:
    """The grammatical speaker of a verb: a speech verb's own subject first ('Russia said X,
    but NATO said Y': NATO says Y), else the subject of the speech verb above it, or its
    clause's. A relative pronoun ('Lee, a voter who said …, said') or a pronoun in a second
    clause ('officials denied X, and they claimed Y') is the first speaker's."""
    if is_cue_verb(verb, rules):
        found = _own_subject(verb)
        if found is not None and verb.dep_ != "relcl" and not (
                found.pos_ == "PRON" and verb.dep_ == "conj"):
            return found
    for ancestor in verb.ancestors:
        if is_cue_verb(ancestor, rules) and verb.dep_ in SPEECH_CHAIN_DEPS:
            found = _own_subject(ancestor)
            if found is not None:
                return found
    current = verb
    for _ in range(4):
        found = _own_subject(current)
        if found is not None or current.dep_ not in SPEECH_CHAIN_DEPS:
            return found
        current = current.head
    return None


def _maker(noun: Token) -> Token | None:
    """Who made a report or statement, as the phrase names them: its owner ("the Fed's
    survey"), the name before it ('a Reuters survey') or the maker after 'by' or 'from'."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return next((c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)


def work_title(text: str, rules: Rules) -> bool:
    """True for the title of a show, book, song or law in quotation marks ('“Face the
    Nation”'): two to `TITLE_WORDS` words, each capitalised or a small word of
    `title_case_words.txt`, and no sentence inside or ending it ('“Peace Through
    Strength.”' is a slogan someone says)."""
    words = re.findall(r"[^\W\d_][\w’'-]*", text)
    if not 2 <= len(words) <= TITLE_WORDS or re.search(r"[.!?;:,]\s|[.!?]$", text.strip()):
        return False
    small = rules.title_case_words
    capitalised = [w for w in words if w[0].isupper()]
    return len(capitalised) >= 2 and all(w[0].isupper() or w.lower() in small for w in words)


def _after_preposition(span: Span) -> bool:
    """True when the word before a quotation (its opening mark skipped) is a preposition or
    a possessive: 'on “Meet the Press.”', 'ABC’s “This Week.”'."""
    first = span.start - 1
    while first >= 0 and span.doc[first].is_punct and span.doc[first].tag_ != "POS":
        first -= 1  # bounded: the marks before the quote
    return first >= 0 and (span.doc[first].pos_ == "ADP" or span.doc[first].tag_ == "POS")


def _named_apposition(subject: Token, rules: Rules) -> Token:
    """The person a title or role in apposition names: 'Head of the committee, Thorbjørn
    Jagland, stated' is said by Jagland; a person stays themselves ('Katherine Jackson, the
    mother of …')."""
    if subject.ent_type_ == "PERSON":
        return subject
    return next((child for child in subject.children  # a name, whatever entity type the model
                 if child.dep_ == "appos" and child.pos_ == "PROPN"  # guesses, not a title
                 and child.lower_ not in rules.titles), subject)


def _speaks(verb: Token, rules: Rules) -> bool:
    """False when the speech verb's subject is not a speaker: data ('the tally says …',
    `not_speakers.txt`), or a person it is done to ('the captain was charged', 'he was told')."""
    if any(c.dep_ == "nsubjpass" for c in verb.children) and not any(
            c.dep_ == "agent" for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ in ACTIVE_SUBJECT_DEPS), None)
    return subject is None or not {subject.lemma_.lower(), subject.lower_} & rules.not_speakers


def _negated(verb: Token) -> bool:
    """A negated speech verb says nothing: 'did not say', and 'did not identify the victim or
    say whether …' (a negation holds over verbs joined by 'or' or 'nor')."""
    if any(child.dep_ == "neg" for child in verb.children):
        return True
    head = verb.head
    return (verb.dep_ == "conj" and any(child.dep_ == "neg" for child in head.children)
            and any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in head.children))


def _purpose(clause: Token, rules: Rules) -> bool:
    """A to-infinitive is what the speaking is for, not what was said ('I say these things not
    to provoke', 'announced his support for X to be Administrator'), unless the verb takes one
    as its content ('vowed to respond': `rules.cues.to_verbs`)."""
    return (any(c.dep_ == "aux" and c.tag_ == "TO" for c in clause.children)
            and clause.head.lemma_.lower() not in rules.cues.to_verbs)


def _around(verb: Token, rules: Rules) -> bool:
    """True when a speech verb stands inside or before what it reports: parenthetical ('X,
    said Mr. Bush, is Y'), 'as I mentioned, X', or before a colon ('I have been clear: X')."""
    head = verb.head
    if head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
        return False
    if verb.dep_ == "parataxis":
        return True
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in rules.cues.asides
                                    for c in verb.children):
        return True
    between = verb.doc[verb.i + 1:head.i]
    return verb.dep_ == "ccomp" and head.i > verb.i and any(t.text == ":" for t in between)


def _own_subject(verb: Token) -> Token | None:
    """The subject of `verb`: the one nearest to it when the parser gives several (a dateline
    such as 'WASHINGTON (VOA) —' is read as a second subject), the one after it for a
    parenthetical ('X, said Mr. Bush, is Y'), the agent of a passive, or the head a relative
    pronoun stands for."""
    subjects = [c for c in verb.children if c.dep_ in ACTIVE_SUBJECT_DEPS]
    if verb.dep_ == "parataxis" and any(c.i > verb.i for c in subjects):
        subjects = [c for c in subjects if c.i > verb.i]
    if subjects:
        child = min(subjects, key=lambda c: abs(c.i - verb.i))
        if child.tag_ in RELATIVE_TAGS and verb.dep_ == "relcl":
            return verb.head
        return child
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        return next((g for g in agent.children if g.dep_ == "pobj"), None)
    return None


def _cue_branches(clause: Token, rules: Rules) -> set[int]:
    """Tokens of participle speech clauses inside a reported clause (', adding, “…”')."""
    skip: set[int] = set()
    for token in clause.subtree:
        if token != clause and token.dep_ == "advcl" and is_cue_verb(token, rules):
            skip.update(t.i for t in token.subtree)
            skip.update(t.i for t in token.lefts if t.is_punct)
            if token.i > 0 and token.nbor(-1).is_punct:
                skip.add(token.i - 1)
    return skip


def _apposition_start(doc: Doc, first: int) -> int:
    """Where a speaker's phrase starts when a short title phrase stands before it between
    commas ('…, the mayor, Jane Ortiz, said'): at the title phrase, else at `first`."""
    for _ in range(APPOSITIONS):
        comma = first - 1
        if comma < 1 or doc[comma].text != ",":
            return first
        words = doc[max(0, comma - APPOSITION_TOKENS - 1):comma]
        before = next((t.i for t in reversed(words) if t.text == ","), None)
        if before is None or doc[before + 1].pos_ not in ("DET", "PROPN") or any(
                t.pos_ in ("VERB", "AUX") or t.dep_ == "cc" for t in doc[before + 1:comma]):
            return first
        first = before + 1
    return first


def _strip_span(span: Span) -> tuple[int, int]:
    tokens = [t for t in span if not t.is_space]
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    if not tokens:
        return span.start_char, span.start_char
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding spaces and trailing commas, colons or semicolons."""
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def _unquoted_words(text: str, start: int, end: int, marked: list[Marked]) -> int:
    """Words of text[start:end] that are not between quotation marks (`marked` in order)."""
    chars = list(text[start:end])
    first = max(0, bisect.bisect_right(marked, start, key=lambda span: span.start) - 1)
    for index in range(first, len(marked)):  # only the spans that reach into the text
        span = marked[index]
        if span.start >= end:
            break
        for offset in range(max(span.start, start), min(span.end, end)):
            chars[offset - start] = " "
    return len(re.findall(r"\w+", "".join(chars)))


def _drop_nested(found: list[Quote]) -> list[Quote]:
    """Reported speech reported inside another speaker's reported speech is part of it.

    In order of start (longest first), a quote lies inside an earlier, longer one exactly when
    some earlier quote reaches at least as far: one pass, tracking the furthest end.
    """
    kept = []
    furthest = -1
    for quote in sorted(found, key=lambda q: (q.start, -(q.end - q.start))):
        if furthest < quote.end or any(q.start == quote.start and q.end == quote.end
                                      for q in kept[-1:]):
            kept.append(quote)
        furthest = max(furthest, quote.end)
    return sorted(kept, key=lambda q: q.start)


def find_direct(reading: Reading, actors: Actors) -> list[Quote]:
    """The direct quotes of a reading, in the order found (turns and blocks, then marks)."""
    return Quotes(reading, actors).direct()


def find_reported(reading: Reading, actors: Actors, direct: Sequence[Quote]) -> list[Quote]:
    """The reported speech of a reading, given its direct quotes (`find_direct`)."""
    return Quotes(reading, actors).reported(direct)


def find_quotes(reading: Reading, actors: Actors) -> list[Quote]:
    """The quotes stage: direct quotes, then reported speech given them, in text order (one
    finder for both, so the quotation marks and turns are read once)."""
    finder = Quotes(reading, actors)
    direct = finder.direct()
    return sorted(direct + finder.reported(direct), key=lambda q: (q.start, q.kind))
