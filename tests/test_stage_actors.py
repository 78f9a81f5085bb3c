"""The actors stage alone: `find_actors` on a short text, and `actor_records` given
hand-built quotes (no quote stage runs)."""

from __future__ import annotations

from stage_inputs import quote_of, reading_of

from helpers.extract.actors import actor_records, find_actors
from helpers.vocab import ActorType, QuoteKind

TALKS = ("Talks\n\nChancellor Angela Merkel met Prime Minister Boris Johnson in London. "
         "She said the talks went well.\n")


def test_mentions_resolve_a_pronoun_to_the_subject_before_it(nlp, write_article):
    actors = find_actors(reading_of(nlp, write_article, TALKS))
    assert [(m.actor, m.form, m.kind) for m in actors.mentions()] == [
        ("Angela Merkel", "Angela Merkel", "name"), ("Boris Johnson", "Boris Johnson", "name"),
        ("London", "London", "name"), ("Angela Merkel", "She", "pronoun")]
    assert [m.start for m in actors.mentions()] == sorted(m.start for m in actors.mentions())


def test_entities_count_named_mentions_only(nlp, write_article):
    entities = find_actors(reading_of(nlp, write_article, TALKS)).entities()
    assert [(e.actor, e.type, e.mentions, e.first_paragraph) for e in entities] == [
        ("Angela Merkel", ActorType.PERSON, 1, 1), ("Boris Johnson", ActorType.PERSON, 1, 1),
        ("London", ActorType.PLACE, 1, 1)]


def test_actor_records_count_the_quotes_given(nlp, write_article):
    reading = reading_of(nlp, write_article, TALKS)
    quotes = [quote_of(reading, "Angela Merkel", "the talks went well"),
              quote_of(reading, "Anna Keller", "met Prime Minister", QuoteKind.REPORTED)]
    records = {r.actor: r for r in actor_records(find_actors(reading), quotes)}
    merkel = records["Angela Merkel"]
    assert (merkel.quotes, merkel.direct_quotes, merkel.quoted_words) == (1, 1, 4)
    assert merkel.role == "Chancellor" and not merkel.title_conflict
    keller = records["Anna Keller"]  # a speaker the model missed gets a record of her own
    assert (keller.type, keller.mentions, keller.quotes, keller.direct_quotes) == (
        ActorType.PERSON, 0, 1, 0)
    assert records["Boris Johnson"].quotes == 0
    assert list(records)[:2] == ["Angela Merkel", "Anna Keller"]  # most quoted first


def test_actor_records_without_quotes_keep_every_named_actor(nlp, write_article):
    records = actor_records(find_actors(reading_of(nlp, write_article, TALKS)), [])
    assert {r.actor for r in records} == {"Angela Merkel", "Boris Johnson", "London"}
    assert all(r.quotes == 0 for r in records)
