"""The coverage page's words and tables, written from the coverage findings
(`helpers.findings.coverage`): the headline, takeaways, one sentence heading each section, and
tables for reading. Sentences are Markdown with article text escaped; tables are pandas frames
with a reader's column names, for `report.tables.reader_table`.

A figure's verdict reads as on each article's own report (`summary.VERDICT_WORDS`,
`summary.source`), since both come from the same check.
"""

from __future__ import annotations

import importlib.metadata
import platform
import re
from datetime import UTC, datetime

import pandas as pd
from IPython.display import Markdown

from helpers import __version__
from helpers.findings.coverage import (
    MIXED,
    MOST,
    Coverage,
    by_gap,
    furthest,
    grid_actors,
    named_outlets,
    on_story,
    verdict_counts,
    voices,
)
from helpers.findings.verdicts import Comparison
from helpers.report.anchors import ARTICLE_PAGE, evidence_href
from helpers.report.markdown import escape
from helpers.report.summary import PACKAGES, VERDICT_WORDS, source
from helpers.report.words import count, day, names, number, percent, span, verb
from helpers.vocab import TAKING_SIDES, Stance, Verdict

MOST_TAKEAWAYS = 5
FEWEST_TAKEAWAYS = 3
NAMED = 3
"""Names given one by one in a sentence; the rest are counted."""
NO_OUTLET = "outlet not given"

VERDICT_LABELS = {Verdict.AGREE: "agrees", Verdict.CLOSE: "close",
                  Verdict.DISAGREE: "disagrees", Verdict.NO_RECORD: "no record before it"}
VERDICT_HEADINGS = {Verdict.AGREE: "Agree", Verdict.CLOSE: "Close",
                    Verdict.DISAGREE: "Disagree", Verdict.NO_RECORD: "No record before it"}
"""The verdict table's column for each verdict."""
STANCE_WORDS = {Stance.SUPPORT: "supports", Stance.OPPOSE: "opposes",
                Stance.SKEPTICAL: "is skeptical of"}


SHARE = "Share of voice (each article counted once)"
"""The share column: a speaker's share of each article's words in quotation marks, averaged
over the articles (`findings.coverage`), so a transcript does not outweigh a statement."""


def sentence(text: str) -> str:
    """Text with its first letter a capital ('senior administration official has …')."""
    return text[:1].upper() + text[1:]


def topic_order(cov: Coverage) -> list[str]:
    """The grid's topics in the pack's order, then any other, by name."""
    present = set(cov.grid["topic"])
    ordered = [topic for topic in (cov.pack.topic_labels if cov.pack else ()) if topic in present]
    return ordered + sorted(present - set(ordered))


def share_text(share: float) -> str:
    """'34%', or '<1%' for a share above nothing that rounds to 0%."""
    return "<1%" if 0 < share < 0.005 else percent(share)


def outlet_name(outlet: str) -> str:
    """An outlet as the page names it ('' reads 'No outlet given')."""
    return outlet or NO_OUTLET


def date_range(cov: Coverage) -> str:
    """'6 Dec 2021 to 23 Feb 2022', '15 Feb 2022' or '' (no article has a date)."""
    if cov.dates is None:
        return ""
    first, last = cov.dates
    return day(first) if first == last else f"{day(first)} to {day(last)}"


YEARS_AT_END = re.compile(r"\s*(?:,\s*|\()\d{4}(?:\s*[-–]\s*\d{2,4})?\)?$")
"""A year or span of years closing a title: ', 2021-2022', ' (2016–2025)', ', 2019'."""


def headline(cov: Coverage) -> str:
    """'How 29 articles from 3 publishers covered <story>, from <date> to <date>'."""
    articles = cov.corpus.articles
    when = date_range(cov)
    story = cov.pack.title if cov.pack is not None else "their stories"
    if when:  # the articles' dates say when; a span of years in the pack's title would repeat it
        story = YEARS_AT_END.sub("", story)
    named = named_outlets(cov.corpus)
    publishers = (f"from {count(len(named), 'publisher')}" if named else "(outlet not given)")
    if named and len(named) < len(cov.corpus.outlets):
        publishers += " and without an outlet"
    text = f"How {count(len(articles), 'article')} {publishers} covered {story}"
    if when:
        text += f", {'on' if ' to ' not in when else 'from'} {when}"
    return text


def details(cov: Coverage) -> str:
    """'The White House (18 articles), … · 50,480 words'."""
    listed = [f"{escape(outlet_name(row.outlet))} ({count(row.articles, 'article')})"
              for row in cov.publishers.head(MOST).itertuples()]
    rest = len(cov.publishers) - MOST
    if rest > 0:
        listed.append(f"{count(rest, 'other publisher')}")
    words = int(cov.corpus.articles["words"].sum())
    return f"{', '.join(listed)} · {count(words, 'word')}"


def _share_of(frame: pd.DataFrame) -> tuple[str, float]:
    named = frame[~frame["others"]]
    top = named.iloc[0]
    return str(top["name"]), float(top["share"])


def voice(cov: Coverage) -> str:
    """Who has the voice: the top speaker's share of quoted words, and the top outlet's."""
    spoken = cov.speakers[~cov.speakers["others"] & (cov.speakers["quoted_words"] > 0)]
    if spoken.empty:
        return "No article quotes anyone in quotation marks."
    first = spoken.iloc[0]
    if len(spoken) == 1:
        return sentence(f"{escape(first['name'])} is the only speaker in quotation marks: "
                        f"{count(int(first['quoted_words']), 'word')} in "
                        f"{count(int(first['direct']), 'direct quote')} from "
                        f"{count(int(first['articles']), 'article', spell=True)}.")
    text = (f"{escape(first['name'])} has the largest share of voice, with each article "
            f"counted once: {percent(first['share'])} of the words in quotation marks, in "
            f"{count(int(first['quotes']), 'quote')} from "
            f"{count(int(first['articles']), 'article', spell=True)}")
    if len(spoken) > 1:
        second = spoken.iloc[1]
        text += f"; then {escape(second['name'])} with {percent(second['share'])}"
    text += "."
    outlet, share = _share_of(cov.outlets)
    if len(named_outlets(cov.corpus)) > 1 and share == 1:
        text += f" Only {escape(outlet_name(outlet))} quotes anyone in quotation marks."
    elif len(named_outlets(cov.corpus)) > 1 and share >= 0.5 and outlet:
        text += (f" {escape(outlet)} published {percent(share)} of the articles that quote "
                 f"anyone in quotation marks.")
    return sentence(text)


def concentration(cov: Coverage) -> str:
    """How many speakers the articles quote, and the share of the (up to) three with the most
    words in quotation marks."""
    frame = cov.speakers
    total = int(frame["names"].sum())
    spoken = frame[~frame["others"] & (frame["quoted_words"] > 0)].head(3)
    if total < 2 or spoken.empty:
        return ""
    if len(spoken) == 1:
        return (f"The articles quote {count(total, 'speaker')}, and only "
                f"{escape(spoken['name'].iloc[0])} in quotation marks.")
    return (f"The articles quote {count(total, 'speaker')}; the "
            f"{count(len(spoken), 'speaker', spell=True)} with the largest share of voice have "
            f"{share_text(spoken['share'].sum())} of it, each article counted once.")


def shared(cov: Coverage) -> str:
    """The speakers that more than one outlet quotes."""
    if len(named_outlets(cov.corpus)) < 2:
        return ""
    found = cov.shared
    if found.empty:
        return "No speaker is quoted by more than one outlet."
    listed = names([escape(name) for name in found["speaker"]], most=NAMED + 2)
    return (f"{'Only ' if len(found) <= NAMED + 2 else ''}{listed} "
            f"{verb(len(found), 'is', 'are')} quoted by more than one outlet.")


def only_one(cov: Coverage) -> str:
    """How many speakers only one outlet quotes, and whom each outlet alone quotes."""
    named = named_outlets(cov.corpus)
    if len(named) < 2:
        return ("Every article comes from one publisher, so no outlet can be compared."
                if len(named) == len(cov.corpus.outlets) == 1 else
                "The articles name fewer than two publishers (an article without one is "
                "“outlet not given”), so no outlet can be compared.")
    found = cov.only_one_outlet
    named = voices(cov.corpus)
    everyone = named.loc[~named["unnamed"], "voice"].nunique()
    if found.empty:
        return (f"Every one of the {count(everyone, 'speaker')} quoted is quoted by more than "
                f"one outlet." if everyone else "No article quotes a named speaker.")
    parts = [f"{escape(outlet_name(outlet))} alone quotes "
             f"{names([escape(name) for name in group['speaker']], most=NAMED)}"
             for outlet, group in found.groupby("outlet", sort=False)]
    shown = "; ".join(parts[:NAMED])
    more = len(parts) - NAMED
    if more > 0:
        shown += f"; and {count(more, 'other outlet')} quote speakers of their own"
    return (f"{share_of(len(found), everyone, 'speaker')} quoted "
            f"{verb(len(found), 'is', 'are')} quoted by one outlet only: {shown}.")


def share_of(part: int, whole: int, word: str) -> str:
    """'36 of the 40 speakers', 'All 4 speakers', 'Both speakers', 'The one speaker', 'None
    of the 3 speakers' (the verb agrees with `part`)."""
    if part == whole == 1:
        return f"The one {word}"
    if part == whole == 2:
        return f"Both {word}s"
    if part == whole:
        return f"All {count(whole, word)}"
    if part == 0:
        return f"None of the {count(whole, word)}"
    return f"{part:,} of the {count(whole, word)}"


def _figure(row: pd.Series) -> str:
    """'The White House's “8,500” (25 Jan 2022)'."""
    when = f" ({day(row['date'].date())})" if pd.notna(row["date"]) else " (no date)"
    return f"{escape(outlet_name(row['outlet']))}'s “{escape(row['text'])}”{when}"


def check_sentence(row: pd.Series) -> str:
    """One printed figure against the record as it stood on its article's date."""
    compared = row["compared"]
    if compared is None:
        return f"{_figure(row)} has no record dated before it to compare with."
    record = span(compared.record_low, compared.record_high)
    if compared.verdict == Verdict.AGREE:
        return f"{_figure(row)} agrees with {record} from {source(compared)}."
    return (f"{_figure(row)} {VERDICT_WORDS[compared.verdict]} the latest record before it, "
            f"{record} from {source(compared)}: it is {number(compared.gap)} "
            f"({percent(compared.relative_gap)}) {compared.side} it.")


def given_by(compared: Comparison | None) -> str:
    """A record row's source for a table cell: 'US officials, published by AP on 14 Feb
    2022' ('' without one)."""
    if compared is None:
        return ""
    return (f"{compared.who}, published by {compared.publisher} on "
            f"{day(compared.published or compared.record_date)}")


def what_counts(cov: Coverage) -> str:
    """What the checked figures count: 'Russian troops near Ukraine's borders and …'."""
    if cov.pack is None:
        return ""
    tables = [cov.pack.table(name).counts for name in dict.fromkeys(cov.timeline["table"])]
    return names([escape(text) for text in tables], most=len(tables))


def figures(cov: Coverage) -> list[str]:
    """How the printed figures stand against the record: the count that agrees, then the
    figure furthest from it, if any disagrees."""
    checks = cov.timeline
    if cov.pack is None:
        return []
    if checks.empty:
        return ["No article prints a figure that the story's record counts."]
    agree = int((checks["verdict"] == Verdict.AGREE).sum())
    found = [f"{share_of(agree, len(checks), 'figure')} the articles print for "
             f"{what_counts(cov)} {verb(agree, 'agrees', 'agree')} with the record as it stood "
             f"on the article's date."]
    found += [check_sentence(row) for _, row in furthest(checks).head(1).iterrows()]
    return found


def off_record(cov: Coverage, most: int = 5) -> str:
    """The figures that do not agree with the record, furthest first, as a Markdown list."""
    checks = furthest(cov.timeline)
    if cov.timeline.empty:
        return ""
    if checks.empty:
        return "Every figure checked agrees with the record as it stood on its article's date."
    lines = [f"- {check_sentence(row)}" for _, row in checks.head(most).iterrows()]
    if len(checks) > most:
        lines.append(f"- And {count(len(checks) - most, 'other figure')} in the table below.")
    return "\n".join(lines)


def stances(cov: Coverage) -> str:
    """Where outlets give an actor different sides, else the stance most articles give."""
    if cov.pack is None:
        return ""
    label = cov.pack.label
    if not cov.splits.empty:
        row = cov.splits.iloc[0]
        sides = " and ".join(f"{STANCE_WORDS[stance]} it in articles of "
                             f"{names([escape(outlet_name(o)) for o in outlets], most=NAMED)}"
                             for stance, outlets in row["sides"].items())
        return (f"Outlets differ on {escape(row['actor'])} and "
                f"{escape(label(row['topic']))}: {escape(row['actor'])} {sides}.")
    taken = cov.grid[cov.grid["stance"].isin(TAKING_SIDES)]
    if taken.empty:
        return "No actor takes a side on the story's topics in these articles."
    top = taken.loc[taken[list(TAKING_SIDES)].max(axis=1).idxmax()]
    return sentence(f"{escape(top['actor'])} {STANCE_WORDS[top['stance']]} "
                    f"{escape(label(top['topic']))} in "
                    f"{count(int(top[top['stance']]), 'article', spell=True)}: the side most "
                    f"often given to an actor on a topic.")


def takeaways(cov: Coverage) -> list[str]:
    """Three to five sentences, the most telling first."""
    found = [voice(cov), only_one(cov), *figures(cov), stances(cov)]
    found = [text for text in found if text][:MOST_TAKEAWAYS]
    if len(found) < FEWEST_TAKEAWAYS:
        found.append(f"The articles come from {details(cov)}.")
    return found


def opening(cov: Coverage) -> Markdown:
    """The top of the page: the headline, the sources in a line, and the takeaways."""
    points = "\n".join(f"- {text}" for text in takeaways(cov))
    return Markdown(f"# {escape(headline(cov))}\n\n{details(cov)}\n\n"
                    f"## What the comparison finds\n\n{points}")


def _others(row: pd.Series, what: str, plural: str = "") -> str:
    return count(int(row["names"]), f"other {what}", f"other {plural or what + 's'}")


def speaker_table(cov: Coverage) -> pd.DataFrame:
    """Share of voice by speaker, with the rest counted in one row."""
    frame = cov.speakers
    return pd.DataFrame({
        "Speaker": [_others(row, "speaker") if row["others"] else row["name"]
                    for _, row in frame.iterrows()],
        "Articles": frame["articles"], "Quotes": frame["quotes"],
        "Direct quotes": frame["direct"], "Words in quotation marks": frame["quoted_words"],
        SHARE: frame["share"].map(share_text)})


def outlet_table(cov: Coverage) -> pd.DataFrame:
    """Share of voice by outlet, with each outlet's most-quoted speaker."""
    frame = cov.outlets
    top = cov.top_voices.set_index("outlet")
    most = [f"{top.loc[row['name'], 'speaker']} ({share_text(top.loc[row['name'], 'share'])})"
            if not row["others"] and row["name"] in top.index else ""
            for _, row in frame.iterrows()]
    return pd.DataFrame({
        "Outlet": [_others(row, "outlet") if row["others"] else outlet_name(row["name"])
                   for _, row in frame.iterrows()],
        "Articles": frame["articles"], "Quotes": frame["quotes"],
        "Words in quotation marks": frame["quoted_words"],
        SHARE: frame["share"].map(share_text),
        "Largest voice (share in the outlet's articles)": most})


def only_table(cov: Coverage) -> pd.DataFrame:
    """For each outlet, the speakers only it quotes: how many, and the most quoted of them
    (with their quotes); outlets past a screenful counted in one row."""
    found = cov.only_one_outlet
    rows = []
    for outlet, group in found.groupby("outlet", sort=False):
        listed = [f"{name} ({count(int(quotes), 'quote')})"
                  for name, quotes in zip(group["speaker"], group["quotes"], strict=True)]
        rows.append({"Outlet": outlet_name(outlet), "Speakers only it quotes": len(group),
                     "Quotes": int(group["quotes"].sum()),
                     "Most quoted of them": names(listed, most=5)})
    frame = pd.DataFrame(rows, columns=["Outlet", "Speakers only it quotes", "Quotes",
                                        "Most quoted of them"])
    if len(frame) > MOST:
        rest = frame.iloc[MOST:]
        frame = pd.concat([frame.iloc[:MOST], pd.DataFrame([{
            "Outlet": count(len(rest), "other outlet"),
            "Speakers only it quotes": int(rest["Speakers only it quotes"].sum()),
            "Quotes": int(rest["Quotes"].sum()), "Most quoted of them": ""}])],
            ignore_index=True)
    return frame


def timeline_rows(cov: Coverage) -> pd.DataFrame:
    """The checks a table lists: all of them up to a screenful, else the `MOST` furthest from
    the record, by article date."""
    checks = cov.timeline
    if len(checks) <= MOST:
        return checks
    return by_gap(checks).head(MOST).sort_values("date", kind="stable", na_position="last")


def timeline_table(cov: Coverage) -> pd.DataFrame:
    """Each listed figure: article date, outlet, as written, the range read, the verdict and
    the record row it was set beside (by publisher and date)."""
    rows = timeline_rows(cov)
    return pd.DataFrame({
        "Article date": [day(when.date()) if pd.notna(when) else "" for when in rows["date"]],
        "Outlet": rows["outlet"].map(outlet_name),
        "Figure as printed": rows["text"],
        "Read as": [span(low, high) for low, high in zip(rows["low"], rows["high"],
                                                           strict=True)],
        "Against the record": rows["verdict"].map(VERDICT_LABELS),
        "Record then": [span(c.record_low, c.record_high) if c is not None else ""
                        for c in rows["compared"]],
        "Given by": rows["compared"].map(given_by),
    })


def figure_links(cov: Coverage, reports_href: str) -> list[str]:
    """The address of each listed figure (`timeline_rows`) in its article's view, from the
    coverage page (`reports_href` leads from the page to the folder of the reports)."""
    rows = timeline_rows(cov)
    return [evidence_href(start, f"{reports_href}{slug}/{ARTICLE_PAGE}")
            for slug, start in zip(rows["slug"], rows["start"], strict=True)]


def timeline_caption(cov: Coverage) -> str:
    """The table's caption: every figure, or how many of how many it lists."""
    total = len(cov.timeline)
    if total <= MOST:
        return "Every figure checked against the record, by article date"
    return f"The {MOST} of {total:,} figures furthest from the record, by article date"


def verdict_table(cov: Coverage) -> pd.DataFrame:
    """How each outlet's checked figures stand against the record."""
    found = verdict_counts(cov.timeline)
    return pd.DataFrame({"Outlet": found["outlet"].map(outlet_name),
                         "Figures checked": found["figures"],
                         **{VERDICT_HEADINGS[v]: found[v] for v in Verdict}})


def grid_table(cov: Coverage) -> pd.DataFrame:
    """The stance grid as rows: actor, topic, the prevailing stance, the articles giving each
    stance and how many outlets; the actors the chart shows."""
    label = cov.pack.label if cov.pack is not None else str
    grid = cov.grid[cov.grid["actor"].isin(grid_actors(cov.grid))]
    given = [", ".join(f"{stance} {int(row[stance])}" for stance in Stance if row[stance])
             for _, row in grid.iterrows()]
    return pd.DataFrame({"Actor": grid["actor"], "Topic": grid["topic"].map(label),
                         "Stance in most articles": grid["stance"],
                         "Articles by stance": given, "Outlets": grid["outlets"]})


def splits_table(cov: Coverage) -> pd.DataFrame:
    """Where outlets give one actor different sides: actor, topic, and each side's outlets."""
    label = cov.pack.label if cov.pack is not None else str
    splits = cov.splits.head(MOST)
    return pd.DataFrame({
        "Actor": splits["actor"], "Topic": splits["topic"].map(label),
        "Outlets and the side they give": [
            "; ".join(f"{stance}: {', '.join(outlet_name(o) for o in outlets)}"
                      for stance, outlets in sides.items()) for sides in splits["sides"]]})


def grid_sentence(cov: Coverage) -> str:
    """What the grid covers, and whom it leaves out."""
    if cov.pack is None:
        return "No article matches a story pack, so no stance is read."
    actors = cov.grid["actor"].nunique()
    if not actors:
        return "No actor takes a stance on the story's topics in these articles."
    shown = len(grid_actors(cov.grid))
    rest = f"; the other {count(actors - shown, 'actor')} take fewer" if actors > shown else ""
    return (f"The grid shows {count(shown, 'actor')}, those who take a side in the most "
            f"articles{rest}. Each cell gives the stance most articles give the actor on "
            f"the topic; “{MIXED}” means as many articles give one side as another.")


def article_table(cov: Coverage, reports_href: str) -> tuple[pd.DataFrame, list[str]]:
    """Every article by date with its counts, and the address of each one's own report."""
    found = cov.articles
    frame = pd.DataFrame({
        "Headline": [headline or slug for headline, slug in zip(found["headline"],
                                                                found["slug"], strict=True)],
        "Outlet": found["outlet"].map(outlet_name),
        "Date": [day(when.date()) if pd.notna(when) else "" for when in found["date"]],
        "Words": found["words"], "Quotes": found["quotes"], "Figures": found["figures"],
        "Checked": found["checked"], "Stances": found["stances"]})
    return frame, [f"{reports_href}{slug}/00_report.html" for slug in found["slug"]]


def publisher_table(cov: Coverage) -> pd.DataFrame:
    """The sources by publisher and date."""
    found = cov.publishers
    return pd.DataFrame({"Publisher": found["outlet"].map(outlet_name),
                         "Articles": found["articles"],
                         "First article": [day(d.date()) if pd.notna(d) else ""
                                           for d in found["first"]],
                         "Last article": [day(d.date()) if pd.notna(d) else ""
                                          for d in found["last"]],
                         "Words": found["words"]})


def record_sources(cov: Coverage) -> pd.DataFrame:
    """The public record the figures were set beside: per table, its published figures,
    publishers and dates."""
    rows = []
    for name, found in cov.records.items():
        dates = found["published"].fillna(found["date"])
        publishers = list(dict.fromkeys(found["publisher"]))
        rows.append({"Record": cov.pack.table(name).title, "Published figures": len(found),
                     "Publishers": names(publishers, most=len(publishers)),
                     "From": day(dates.min().date()), "To": day(dates.max().date())})
    return pd.DataFrame(rows, columns=["Record", "Published figures", "Publishers", "From",
                                       "To"])


def scope(cov: Coverage) -> str:
    """Which articles the story's sections read, when some are on another story or none."""
    if cov.pack is None:
        return "No article matches a story pack: there is no record to check or topic to read."
    on = len(on_story(cov.corpus, cov.pack))
    total = len(cov.corpus.articles)
    if on == total:
        return (f"Every article matches the story pack “{escape(cov.pack.title)}”, so its "
                f"figures and stances are read with it.")
    return (f"{on} of the {count(total, 'article')} match the story pack "
            f"“{escape(cov.pack.title)}”; the figures and stances below are theirs, the "
            f"voices above are every article's.")


def provenance(cov: Coverage) -> pd.DataFrame:
    """How the page was made: articles read, story pack, versions and date."""
    rows = [
        ("Articles read", len(cov.corpus.articles)),
        ("Story pack", cov.pack.title if cov.pack is not None else "none"),
        ("Reading kit (helpers)", __version__),
        ("Python", platform.python_version()),
        *((name, importlib.metadata.version(name)) for name in PACKAGES),
        ("Made on", datetime.now(UTC).strftime("%d %b %Y, %H:%M UTC")),
    ]
    return pd.DataFrame([(item, str(value)) for item, value in rows], columns=["Item", "Value"])
