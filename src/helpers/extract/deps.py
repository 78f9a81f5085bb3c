"""The sets of dependency labels the stages read, each written once and named for what it means.

Labels are spaCy's English ones (ClearNLP style: `nsubj`, `ccomp`, ...). A stage that needs a
set imports it from here, so two stages never mean different things by one name.
"""

from __future__ import annotations

ACTIVE_SUBJECT_DEPS = frozenset({"nsubj"})
"""The subject of an active verb: who does it (a passive verb's doer is its `agent`)."""
ANY_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
"""Any subject, active or passive ('the captain was charged')."""
OBJECT_DEPS = frozenset({"dobj", "pobj"})
"""The object of a verb or of a preposition ('leaves room', 'room for talks')."""

SPEECH_CHAIN_DEPS = frozenset({"advcl", "xcomp", "conj", "ccomp", "pcomp", "relcl"})
"""Links from a verb up to the speech verb whose subject speaks it ('said he would go')."""
SAID_DEPS = frozenset({"ccomp", "advcl", "csubj", "xcomp"})
"""Links from a speech phrase's adjective to what is said ('made it clear that ...')."""
SAID_NOUN_DEPS = frozenset({"acl", "ccomp"})
"""Links from a speech noun to what is said ('the claim that ...')."""

CLAUSE_DEPS = frozenset({"ccomp", "advcl", "conj", "relcl", "xcomp", "csubj", "parataxis",
                         "acl"})
"""Links that open a clause of their own: a word's own clause ends there."""
SEPARATE_STATEMENT_DEPS = frozenset({"conj", "advcl", "parataxis"})
"""Links that join separate statements: a stance climb from a topic word stops at them."""
REPORTED_CLAUSE_DEPS = frozenset({"ccomp"})
"""A clause reported by the one above it: once a lean is found, a stance climb stops here too
(the clause above is another statement, whose negations are not about the topic)."""
NOUN_OBJECT_LINK_DEPS = frozenset({"prep"})
"""A noun's preposition: what it names is the noun's object or partner ('a resolution to the
tensions', 'talks with the rebels'), not how a statement leans on the noun."""
COMPLEMENT_DEPS = frozenset({"dobj", "dative", "prep", "acomp", "attr"})
"""Links from a verb to what it acts on or what completes it: a stance climb that comes up
one reads the verb's other prepositions as other complements, not as its lean."""
PREDICATE_DEPS = frozenset({"acomp", "attr"})
"""A word that completes 'be' ('were not credible'): a negation of 'be' is its own."""
LIST_DEPS = frozenset({"conj", "appos"})
"""Links inside a list or an apposition ('sanctions and export controls')."""

NOUN_PHRASE_DEPS = frozenset({"compound", "amod", "det", "poss", "nmod", "nummod", "punct",
                              "case"})
"""Links inside a noun phrase (no clauses): where a phrase headed by a noun starts."""
DESCRIBING_DEPS = frozenset({"amod", "compound", "nummod"})
"""Links from a noun to the words that describe it rather than lean on it."""
NOUN_MODIFIER_DEPS = frozenset({"compound", "nmod"})
"""Nouns that modify the noun after them ('border troops'): part of a counted unit."""
COUNTING_DEPS = frozenset({"nummod", "quantmod", "compound"})
"""Links of a number to what it counts ('150,000 troops')."""
COUNTED_DEPS = COUNTING_DEPS | {"amod", "nmod", "nsubj"}
"""Links from a number to the noun it counts, with those the parser gives a number it reads
as an adjective, a modifier or a subject."""
