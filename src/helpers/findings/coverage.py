"""What a corpus finds across outlets, decided once from the tables (`findings.corpus`): who
gets the voice, which speakers only one outlet quotes, how each printed figure stood against
the story's record on the article's date, and where actors stand on the story's topics.

Voices are compared like with like (`voices`): a described, unnamed source ("senior
administration official") is a category counted once per article, never one person across
articles; the people who run a call (moderator, operator), places and bodies that do not speak
are no voices (`data/rules/en/not_voices.txt`, `unnamed_sources.txt`), nor is a title alone
("President", "the spokesman": `titles.txt`), which names no one. Shares of voice are
per article: each article's words in quotation marks count as one whole, and a speaker's share
is the average over the articles that quote anyone, so a long transcript weighs no more than a
short statement.

Figures are checked by `findings.check_figures` on the article's facts (`findings.facts`), so
the coverage page and each article's own report give the same verdict. Past a screenful
(`MOST`), rows are counted together, not listed: the page reads the same for 2 articles and
for 1,000. Nothing here writes prose.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from helpers.extract.ruleset import rules_for
from helpers.findings.corpus import Corpus, load
from helpers.findings.findings import check_figures, facts
from helpers.findings.verdicts import implied_range
from helpers.rules import LANGUAGE, rule_list
from helpers.stories import packs
from helpers.stories.packs import StoryPack
from helpers.stories.records import comparable
from helpers.vocab import TAKING_SIDES, ActorType, QuoteKind, Stance, Verdict

MOST = 15
"""Rows named one by one in a table or chart; the rest are counted together in one row."""

STANCES = tuple(Stance)
MIXED = "mixed"
"""A grid cell where articles give the actor different sides in equal numbers."""

VOICE_COLUMNS = ["name", "names", "others", "articles", "quotes", "direct", "quoted_words",
                 "share"]
PLACE_TYPES = {ActorType.COUNTRY, ActorType.PLACE}
"""Actor types that name a place: no voice, whatever the text has them 'say'."""


def _is_described(speaker: str) -> bool:
    """A speaker the text describes rather than names: no capital letter ('senior official')."""
    return not any(letter.isupper() for letter in speaker)


def is_bare_title(speaker: str) -> bool:
    """A speaker named by a title alone ('President', 'the spokesman', 'Secretary of State'):
    every word is a word of a title (`titles.txt`) or one read inside a title
    (`role_links.txt`: 'the', 'of', 'former'), a possessive or trailing comma aside."""
    words = [re.sub(r"['’]s?$", "", word.strip(",;:")) for word in speaker.casefold().split()]
    rules = rules_for(LANGUAGE)
    allowed = rules.title_vocabulary | rules.role_links
    return bool(words) and all(word in allowed for word in words)


def voices(corpus: Corpus) -> pd.DataFrame:
    """The quotes that give someone a voice, each with its `voice` (the speaker's name; for an
    unnamed source, its description and the article: '<description> (<date>)') and `unnamed`.

    Left out: quotes with no speaker, the people who run a call and bodies that do not speak
    (`not_voices.txt`), places (by the article's actor types), titles alone
    (`is_bare_title`), and descriptions that name no source (`unnamed_sources.txt`: 'our
    statement' is no one)."""
    quotes = corpus.quotes[corpus.quotes["speaker"] != ""]
    not_voices = set(rule_list("not_voices.txt"))
    sources = set(rule_list("unnamed_sources.txt"))
    places = set(zip(corpus.types.loc[corpus.types["type"].isin(PLACE_TYPES), "slug"],
                     corpus.types.loc[corpus.types["type"].isin(PLACE_TYPES), "actor"],
                     strict=True))
    described = quotes["speaker"].map(_is_described).astype(bool)
    unnamed = described & quotes["speaker"].map(
        lambda speaker: bool(sources & set(speaker.casefold().split()))).astype(bool)
    keep = (~quotes["speaker"].str.casefold().isin(not_voices)
            & ~quotes["speaker"].map(is_bare_title).astype(bool)
            & ~pd.Series([(slug, speaker) in places for slug, speaker
                          in zip(quotes["slug"], quotes["speaker"], strict=True)],
                         index=quotes.index, dtype=bool)
            & (~described | unnamed))
    found = quotes.assign(unnamed=unnamed, voice=quotes["speaker"].where(
        ~unnamed, quotes["speaker"] + " (" + quotes["slug"].map(article_labels(corpus)) + ")"))
    return found[keep].reset_index(drop=True)


def article_labels(corpus: Corpus) -> dict[str, str]:
    """A short name for each article, for an unnamed source: its date (ISO), or its slug when
    it has none or shares its date with another article."""
    dates = {slug: when.date().isoformat() if pd.notna(when) else slug
             for slug, when in zip(corpus.articles["slug"], corpus.articles["date"],
                                   strict=True)}
    taken = Counter(dates.values())
    return {slug: label if taken[label] == 1 else slug for slug, label in dates.items()}


def _per_article_share(quotes: pd.DataFrame, by: str | list[str]) -> pd.Series:
    """Each group's share of voice with every article counted once: the average, over the
    articles with words in quotation marks, of the group's share of that article's words."""
    direct = quotes[quotes["kind"] == QuoteKind.DIRECT]
    totals = direct.groupby("slug")["words"].sum()
    totals = totals[totals > 0]
    if totals.empty:
        return pd.Series(0.0, index=quotes.groupby(by).size().index)
    keys = [by] if isinstance(by, str) else by
    words = direct.groupby([*keys, "slug"])["words"].sum().reset_index()
    words = words[words["slug"].isin(totals.index)]
    words["share"] = words["words"] / words["slug"].map(totals) / len(totals)
    found = words.groupby(by)["share"].sum()
    return found.reindex(quotes.groupby(by).size().index, fill_value=0.0)
TIMELINE_COLUMNS = ["slug", "outlet", "headline", "date", "start", "text", "category", "unit",
                    "time", "table", "low", "high", "verdict", "compared"]


def choose_pack(corpus: Corpus, story: str = packs.AUTO) -> StoryPack | None:
    """The story whose record and topics the page uses: 'auto' = the pack most articles
    have (ties by name), 'none', or a pack name."""
    if story == packs.NONE:
        return None
    if story != packs.AUTO:
        return packs.pack_named(story)
    named = corpus.articles.loc[corpus.articles["story"] != "", "story"]
    if named.empty:
        return None
    counts = named.value_counts()
    return packs.pack_named(min(counts.index, key=lambda name: (-counts[name], name)))


def on_story(corpus: Corpus, pack: StoryPack | None) -> pd.DataFrame:
    """The articles the pack was read with (none without a pack)."""
    name = pack.name if pack is not None else None
    return corpus.articles[corpus.articles["story"] == name]


def _voices(quotes: pd.DataFrame, by: str) -> pd.DataFrame:
    direct = quotes["kind"] == QuoteKind.DIRECT
    grouped = quotes.assign(direct=direct.astype(int),
                            direct_words=quotes["words"].where(direct, 0)).groupby(by)
    return pd.DataFrame({"articles": grouped["slug"].nunique(), "quotes": grouped.size(),
                         "direct": grouped["direct"].sum(),
                         "quoted_words": grouped["direct_words"].sum()})


def top_and_rest(frame: pd.DataFrame, most: int, articles: pd.Series | None = None
                 ) -> pd.DataFrame:
    """The first `most` rows, and the rest as one row (`others` True, `names` = how many):
    its counts add up, its `articles` counts each article once (from `articles`: slug per
    row of the full frame's source, when given)."""
    if len(frame) <= most:
        return frame.reset_index(drop=True)
    rest = frame.iloc[most:]
    merged = {column: rest[column].sum() for column in ("quotes", "direct", "quoted_words",
                                                        "share")}
    merged.update(name="", names=int(rest["names"].sum()), others=True,
                  articles=articles.nunique() if articles is not None
                  else int(rest["articles"].sum()))
    return pd.concat([frame.iloc[:most], pd.DataFrame([merged])], ignore_index=True)[
        VOICE_COLUMNS]


def _ranked(found: pd.DataFrame, share: pd.Series) -> pd.DataFrame:
    found = found.assign(share=share.reindex(found.index, fill_value=0.0))
    found = found.rename_axis("name").reset_index().assign(names=1, others=False)
    return found.sort_values(["share", "quoted_words", "quotes", "name"],
                             ascending=[False, False, False, True],
                             ignore_index=True)[VOICE_COLUMNS]


def speakers(corpus: Corpus, most: int = MOST) -> pd.DataFrame:
    """Share of voice by speaker across the corpus (`voices`), largest share first (then most
    words in direct quotes, most quotes): articles quoting them, quotes, direct quotes, quoted
    words, and the share with each article counted once."""
    quotes = voices(corpus)
    ranked = _ranked(_voices(quotes, "voice"), _per_article_share(quotes, "voice"))
    rest = set(ranked["name"].iloc[most:])
    return top_and_rest(ranked, most, quotes.loc[quotes["voice"].isin(rest), "slug"])


def outlets(corpus: Corpus, most: int = MOST) -> pd.DataFrame:
    """Share of voice by outlet: every outlet's articles, its quotes that give a voice and
    their words in direct quotes, and its share with each article counted once (the share of
    the articles quoting anyone in quotation marks that the outlet published)."""
    quotes = voices(corpus).merge(corpus.articles[["slug", "outlet"]], on="slug")
    found = _voices(quotes, "outlet").reindex(corpus.outlets, fill_value=0)
    found["articles"] = corpus.articles["outlet"].value_counts()
    return top_and_rest(_ranked(found, _per_article_share(quotes, "outlet")), most)


def top_voice_by_outlet(corpus: Corpus) -> pd.DataFrame:
    """For each outlet that quotes anyone in quotation marks: its largest voice (`voices`) and
    their share of voice in that outlet's articles, each article counted once."""
    quotes = voices(corpus)
    quotes = quotes[quotes["kind"] == QuoteKind.DIRECT].merge(
        corpus.articles[["slug", "outlet"]], on="slug")
    columns = ["outlet", "speaker", "quoted_words", "outlet_words", "share"]
    if quotes.empty:
        return pd.DataFrame(columns=columns)
    shares = pd.concat([_per_article_share(group, "voice").rename("share").reset_index()
                        .assign(outlet=outlet)
                        for outlet, group in quotes.groupby("outlet")], ignore_index=True)
    words = quotes.groupby(["outlet", "voice"])["words"].sum().rename("words").reset_index()
    shares = shares.merge(words, on=["outlet", "voice"]).sort_values(
        ["outlet", "share", "words", "voice"], ascending=[True, False, False, True])
    totals = words.groupby("outlet")["words"].sum()
    top = shares.groupby("outlet").head(1).set_index("outlet")
    found = pd.DataFrame({"speaker": top["voice"], "quoted_words": top["words"],
                          "outlet_words": totals[top.index], "share": top["share"]})
    order = [outlet for outlet in corpus.outlets if outlet in found.index]
    return found.loc[order].rename_axis("outlet").reset_index()


def named_outlets(corpus: Corpus) -> list[str]:
    """The outlets articles name (an article without one belongs to no outlet)."""
    return [outlet for outlet in corpus.outlets if outlet]


def _with_outlets(corpus: Corpus) -> pd.DataFrame:
    """The named voices (`voices`, without unnamed sources) of the articles that name their
    outlet, with that outlet, the voice as `speaker`."""
    quotes = voices(corpus)
    quotes = quotes[~quotes["unnamed"]].drop(columns="speaker").rename(
        columns={"voice": "speaker"})
    quotes = quotes.merge(corpus.articles[["slug", "outlet"]], on="slug")
    return quotes[quotes["outlet"] != ""]


def only_quoted_by(corpus: Corpus) -> pd.DataFrame:
    """Speakers that one outlet quotes and no other does (empty with fewer than two outlets):
    outlet, speaker, quotes, quoted words, articles; by outlet (most such speakers first),
    then most quotes."""
    columns = ["outlet", "speaker", "quotes", "quoted_words", "articles"]
    if len(named_outlets(corpus)) < 2:
        return pd.DataFrame(columns=columns)
    quotes = _with_outlets(corpus)
    reach = quotes.groupby("speaker")["outlet"].nunique()
    alone = quotes[quotes["speaker"].isin(reach[reach == 1].index)]
    found = _voices(alone, ["outlet", "speaker"]).reset_index()
    sizes = found["outlet"].map(found["outlet"].value_counts())
    found = found.assign(size=sizes).sort_values(
        ["size", "outlet", "quotes", "speaker"], ascending=[False, True, False, True])
    return found[columns].reset_index(drop=True)


def shared_speakers(corpus: Corpus) -> pd.DataFrame:
    """Speakers that more than one outlet quotes: speaker, outlets, quotes; most outlets
    first, then most quotes."""
    quotes = _with_outlets(corpus)
    grouped = quotes.groupby("speaker")
    found = pd.DataFrame({"outlets": grouped["outlet"].nunique(), "quotes": grouped.size()})
    found = found[found["outlets"] > 1].rename_axis("speaker").reset_index()
    return found.sort_values(["outlets", "quotes", "speaker"], ascending=[False, False, True],
                             ignore_index=True)


def _checked(figure: pd.DataFrame, pack: StoryPack, when: date | None
             ) -> list[dict[str, object]]:
    """The checks of one figure (a one-row figures table) as timeline rows."""
    row = figure.iloc[0]
    low, high = implied_range(float(row["value"]), str(row["qualifier"]), float(row["high"]))
    return [{"text": check.text, "category": check.category, "unit": check.unit,
             "time": check.time, "table": check.table, "low": low, "high": high,
             "verdict": check.verdict, "compared": check.compared}
            for check in check_figures(figure, pack, when)]


def timeline(corpus: Corpus, pack: StoryPack | None) -> pd.DataFrame:
    """Every figure an article on the pack's story printed that a record table counts, once
    per fact and table, with its verdict against the record as it stood on the article's
    date (all of the record when the article has no date): by article date, then text order.
    `low`/`high` is the range the figure allows; the record_* columns are the row compared."""
    if pack is None:
        return pd.DataFrame(columns=TIMELINE_COLUMNS)
    about = on_story(corpus, pack)
    counted = {table.category for table in pack.tables}
    figures = corpus.figures[corpus.figures["slug"].isin(about["slug"])
                             & corpus.figures["category"].isin(counted)]
    figures = facts(figures)
    articles = about.set_index("slug")
    rows = []
    for index, slug in figures["slug"].items():
        article = articles.loc[slug]
        when = article["date"].date() if pd.notna(article["date"]) else None
        for row in _checked(figures.loc[[index]], pack, when):
            rows.append({"slug": slug, "outlet": article["outlet"],
                         "headline": article["headline"], "date": article["date"],
                         "start": int(figures.at[index, "start"]), **row})
    found = pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
    order = found.assign(position=range(len(found))).sort_values(
        ["date", "slug", "position"], kind="stable", na_position="last").index
    return found.loc[order].reset_index(drop=True)


def record_rows(pack: StoryPack | None, checks: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """For each record table the timeline checks figures against, by name: the rows its
    figures were compared with (`records.comparable`, for each unit checked), by date."""
    if pack is None:
        return {}
    found = {}
    for name, units in checks.groupby("table", sort=False)["unit"]:
        table = pack.table(str(name))
        rows = pd.concat([comparable(table, str(unit)) for unit in dict.fromkeys(units)])
        found[str(name)] = rows.drop_duplicates(["date", "low", "high", "what", "who"]
                                                ).sort_values("date", ignore_index=True)
    return found


def by_gap(checks: pd.DataFrame) -> pd.DataFrame:
    """The checks furthest from the record first (no record before the article counts as
    furthest, an agreeing figure as nearest), by article date within a gap."""
    gaps = [compared.relative_gap if compared is not None else float("inf")
            for compared in checks["compared"]]
    return checks.assign(gap=gaps).sort_values("gap", ascending=False, kind="stable").drop(
        columns="gap")


def furthest(checks: pd.DataFrame) -> pd.DataFrame:
    """The checks that do not agree with the record, furthest first."""
    return by_gap(checks[checks["verdict"] != Verdict.AGREE])


def verdict_counts(checks: pd.DataFrame) -> pd.DataFrame:
    """How each outlet's checked figures stand: agree, close, disagree, no record, all."""
    counts = checks.groupby(["outlet", "verdict"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=list(Verdict), fill_value=0)
    counts["figures"] = counts.sum(axis=1)
    return counts.sort_values("figures", ascending=False, kind="stable").reset_index()


def prevailing(counts: pd.Series) -> str:
    """The side most articles give (`MIXED` on a tie between sides; 'neutral' with none)."""
    sides = counts[list(TAKING_SIDES)]
    if sides.max() == 0:
        return Stance.NEUTRAL
    top = sides[sides == sides.max()]
    return str(top.index[0]) if len(top) == 1 else MIXED


def _stance_counts(stances: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    counts = (stances.groupby([*by, "stance"])["slug"].nunique().unstack(fill_value=0)
              .reindex(columns=list(STANCES), fill_value=0))
    counts["articles"] = stances.groupby(by)["slug"].nunique()
    counts["stance"] = [prevailing(row) for _, row in counts.iterrows()]
    return counts.reset_index()


def stance_grid(corpus: Corpus, pack: StoryPack | None) -> pd.DataFrame:
    """Actor x topic over the articles on the pack's story: in how many articles the actor
    takes each stance, how many outlets, and the prevailing stance; actors who take the most
    sides first (then most stances), topics in the pack's order."""
    columns = ["actor", "topic", *STANCES, "articles", "outlets", "stance"]
    stances = corpus.stances[corpus.stances["slug"].isin(on_story(corpus, pack)["slug"])]
    if stances.empty:
        return pd.DataFrame(columns=columns)
    stances = stances.merge(corpus.articles[["slug", "outlet"]], on="slug")
    grid = _stance_counts(stances, ["actor", "topic"]).merge(
        stances.groupby(["actor", "topic"])["outlet"].nunique().rename("outlets").reset_index(),
        on=["actor", "topic"])
    taking = grid[list(TAKING_SIDES)].sum(axis=1)
    weight = pd.DataFrame({"sides": taking, "all": grid["articles"]}).groupby(
        grid["actor"]).sum()
    order = sorted(weight.index, key=lambda actor: (-weight.loc[actor, "sides"],
                                                    -weight.loc[actor, "all"], actor))
    topics = list(pack.topic_labels) if pack is not None else []
    grid = grid.assign(
        actor_rank=grid["actor"].map({actor: i for i, actor in enumerate(order)}),
        topic_rank=grid["topic"].map(lambda topic: topics.index(topic) if topic in topics
                                     else len(topics)))
    return grid.sort_values(["actor_rank", "topic_rank", "topic"], ignore_index=True)[columns]


def grid_actors(grid: pd.DataFrame, most: int = MOST) -> list[str]:
    """The actors a grid shows one by one, in its order."""
    return list(dict.fromkeys(grid["actor"]))[:most]


def stance_splits(corpus: Corpus, pack: StoryPack | None) -> pd.DataFrame:
    """Where outlets give one actor different sides on one topic: actor, topic, and for
    each side taken the outlets that give it (outlets by the side most of its articles give),
    most outlets first."""
    stances = corpus.stances[corpus.stances["slug"].isin(on_story(corpus, pack)["slug"])
                             & corpus.stances["stance"].isin(TAKING_SIDES)]
    columns = ["actor", "topic", "sides", "outlets"]
    if stances.empty:
        return pd.DataFrame(columns=columns)
    stances = stances.merge(corpus.articles[["slug", "outlet"]], on="slug")
    by_outlet = _stance_counts(stances, ["actor", "topic", "outlet"])
    by_outlet = by_outlet[by_outlet["stance"] != MIXED]
    rows = []
    for (actor, topic), group in by_outlet.groupby(["actor", "topic"], sort=False):
        if group["stance"].nunique() < 2:
            continue
        sides = {stance: sorted(outlets["outlet"])
                 for stance, outlets in group.groupby("stance", sort=False)}
        rows.append({"actor": actor, "topic": topic, "sides": sides, "outlets": len(group)})
    found = pd.DataFrame(rows, columns=columns)
    return found.sort_values(["outlets", "actor", "topic"], ascending=[False, True, True],
                             ignore_index=True)


def article_counts(corpus: Corpus, checks: pd.DataFrame) -> pd.DataFrame:
    """One row per article, by date: slug, headline, outlet, date, url, words, quotes,
    figures (facts, as each report counts them), figures checked against the record, and
    stances that take a side."""
    def per_article(frame: pd.DataFrame) -> list[int]:
        return frame.groupby("slug").size().reindex(corpus.articles["slug"], fill_value=0
                                                    ).tolist()

    found = corpus.articles[["slug", "headline", "outlet", "date", "url", "words"]].copy()
    return found.assign(
        quotes=per_article(corpus.quotes), figures=per_article(facts(corpus.figures)),
        checked=per_article(checks),
        stances=per_article(corpus.stances[corpus.stances["stance"].isin(TAKING_SIDES)]))


def publishers(corpus: Corpus) -> pd.DataFrame:
    """The sources by publisher: articles, first and last date, words, most articles first."""
    grouped = corpus.articles.groupby("outlet")
    found = pd.DataFrame({"articles": grouped.size(), "first": grouped["date"].min(),
                          "last": grouped["date"].max(), "words": grouped["words"].sum()})
    return found.loc[corpus.outlets].rename_axis("outlet").reset_index()


@dataclass
class Coverage:
    """Everything the coverage page says about a corpus, as data."""

    corpus: Corpus
    pack: StoryPack | None
    speakers: pd.DataFrame
    outlets: pd.DataFrame
    top_voices: pd.DataFrame
    only_one_outlet: pd.DataFrame
    shared: pd.DataFrame
    timeline: pd.DataFrame
    records: dict[str, pd.DataFrame]
    grid: pd.DataFrame
    splits: pd.DataFrame
    articles: pd.DataFrame
    publishers: pd.DataFrame

    @property
    def dates(self) -> tuple[date, date] | None:
        """The first and last article dates, if any article has one."""
        known = self.corpus.articles["date"].dropna()
        return (known.min().date(), known.max().date()) if not known.empty else None


def find(tables_dir: str | Path, story: str = packs.AUTO) -> Coverage:
    """The coverage findings of a tables folder (`python -m helpers extract ... --out`)."""
    corpus = load(tables_dir)
    pack = choose_pack(corpus, story)
    checks = timeline(corpus, pack)
    return Coverage(
        corpus=corpus, pack=pack, speakers=speakers(corpus), outlets=outlets(corpus),
        top_voices=top_voice_by_outlet(corpus), only_one_outlet=only_quoted_by(corpus),
        shared=shared_speakers(corpus),
        timeline=checks, records=record_rows(pack, checks),
        grid=stance_grid(corpus, pack), splits=stance_splits(corpus, pack),
        articles=article_counts(corpus, checks), publishers=publishers(corpus))
