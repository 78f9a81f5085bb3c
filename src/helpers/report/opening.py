"""What a reader sees first: the article's headline, its details, and three to five takeaways
written from the findings (who dominates the quotes, whether the figures match the record,
where actors disagree, what looks wrong in the copy, which figures have no source)."""

from __future__ import annotations

from IPython.display import Markdown

from helpers.analysis import Analysis
from helpers.findings.findings import facts as analysis_facts
from helpers.report.anchors import paragraph_href
from helpers.report.markdown import escape
from helpers.report.summary import check_sentence, disagreement, paragraph_link
from helpers.report.words import count, day, names, percent, verb
from helpers.vocab import Verdict

MOST_TAKEAWAYS = 5
FEWEST_TAKEAWAYS = 3


def details(analysis: Analysis) -> str:
    """'Outlet · 15 Feb 2022 · 1,125 words, about 5 minutes to read' (outlet and date when
    the article carries them)."""
    article = analysis.article
    outlet, published = article.meta.outlet, article.meta.date
    parts = [escape(outlet) if outlet else "", day(published),
             f"{count(article.word_count, 'word')}, about "
             f"{count(max(1, round(article.reading_minutes)), 'minute')} to read"]
    return " · ".join(part for part in parts if part)


def voices(analysis: Analysis) -> str:
    """Who dominates the quotes."""
    findings = analysis.findings
    top = findings.top_voice
    if top is None:
        return "Nobody is quoted in the article, directly or in reported speech."
    heard = (f"{count(findings.quotes, 'statement')} from "
             f"{count(len(findings.voices), 'speaker')}")
    if len(findings.voices) == 1:
        kind = ("quoted" if top.direct == top.quotes else "reported" if not top.direct
                else "")
        said = count(top.quotes, f"{kind} statement".strip())
        return f"The article quotes one speaker, {escape(top.actor)}: {said}."
    if not top.quoted_words:
        return f"{escape(top.actor)} is quoted most: {top.quotes} of the article's {heard}."
    return (f"{escape(top.actor)} has the most words in quotation marks: "
            f"{percent(findings.top_share)} of them, in {top.quotes} of the article's {heard}.")


def record(analysis: Analysis) -> list[str]:
    """How the figures stand against the story's public record: those that do not agree one
    by one (the same sentences as the figures page), those that agree together."""
    checks = analysis.findings.figure_checks
    if not checks:
        return []
    agreeing = [f"[“{escape(check.text)}”]({paragraph_href(check.paragraph)})"
                for check in checks if check.verdict == Verdict.AGREE]
    found = [f"{check_sentence(check)} {paragraph_link(check.paragraph)}" for check in checks
             if check.verdict != Verdict.AGREE]
    if agreeing:
        total = count(len(checks), "figure", spell=True)
        which = "All" if len(agreeing) == len(checks) else f"{len(agreeing)} of the"
        found.insert(0, f"{which} {total} that the public record can check "
                        f"{verb(len(agreeing), 'agrees', 'agree')} with it: "
                        f"{names(agreeing, most=len(agreeing))}.")
    return found


def contested(analysis: Analysis) -> str:
    """The topic on which most actors take different sides, if any."""
    found = analysis.findings.disagreements
    return f"Actors take different sides. {disagreement(found[0])}" if found else ""


def titles(analysis: Analysis) -> str:
    """An actor the text gives two different titles: a possible error in the copy."""
    conflicts = analysis.findings.title_conflicts
    if not conflicts:
        return ""
    actor, roles = conflicts[0]
    called = names([f"“{escape(role)}”" for role in roles], most=len(roles))
    return (f"The article calls {escape(actor)} both {called}: one of the titles may be an "
            f"error in the copy.")


def sourcing(analysis: Analysis) -> str:
    """How many of the article's figures have a named source."""
    facts = analysis_facts(analysis.figures)
    if facts.empty:
        return "The article gives no figures to check."
    unsourced = int((facts["source"] == "").sum())
    if not unsourced:
        return f"Every one of its {count(len(facts), 'figure')} is given to a named source."
    return (f"{unsourced} of its {count(len(facts), 'figure')} "
            f"{verb(unsourced, 'has', 'have')} no named source.")


def named(analysis: Analysis) -> str:
    """Who the article names most often."""
    entities = analysis.entities
    if entities.empty:
        return "The article names no people, organisations or places."
    top = entities.iloc[0]
    how_many = count(len(entities), "person, organisation or place",
                     "people, organisations and places")
    return (f"It names {how_many}; {escape(top['actor'])} most often "
            f"({count(int(top['mentions']), 'time')}).")


def takeaways(analysis: Analysis) -> list[str]:
    """Three to five plain sentences (Markdown, article text escaped), most telling first."""
    found = [voices(analysis), *record(analysis), contested(analysis), titles(analysis)]
    found = [text for text in found if text][:MOST_TAKEAWAYS]
    for extra in (sourcing(analysis), named(analysis)):
        if len(found) < FEWEST_TAKEAWAYS:
            found.append(extra)
    return found


def opening(analysis: Analysis) -> Markdown:
    """The top of the report: the headline as the page's title, the article's details, and
    the takeaways."""
    headline = escape(analysis.article.headline or analysis.article.path.stem)
    points = "\n".join(f"- {text}" for text in takeaways(analysis))
    return Markdown(f"# {headline}\n\n{details(analysis)}\n\n## What the reading finds\n\n"
                    f"{points}")
