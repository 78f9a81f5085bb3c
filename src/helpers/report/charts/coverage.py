"""Charts of a corpus, in the house style, each an image with alt text written from its data
(`charts.image.Chart`): share of voice by speaker and by outlet, each record table's timeline
with the articles' figures by article date. Where actors stand is a table
(`report.stance_grid`).

Each chart takes the coverage findings and plots at most a screenful (`findings.coverage.MOST`
names); the rest is one bar, or left to the tables.
"""

from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from helpers.findings.coverage import Coverage, named_outlets
from helpers.report import alt, style
from helpers.report.charts.image import Chart
from helpers.report.charts.records import _date_axis
from helpers.report.coverage import outlet_name, sentence, share_text
from helpers.report.words import count, day, names, number
from helpers.vocab import Verdict

VERDICT_COLOURS = {Verdict.AGREE: style.PALETTE["green"], Verdict.CLOSE: style.PALETTE["orange"],
                   Verdict.DISAGREE: style.PALETTE["vermillion"],
                   Verdict.NO_RECORD: style.PALETTE["grey"]}
VERDICT_NAMES = {Verdict.AGREE: "agrees with the record", Verdict.CLOSE: "close to the record",
                 Verdict.DISAGREE: "disagrees with the record",
                 Verdict.NO_RECORD: "no record before it"}
MARKERS = ("o", "s", "^", "D", "v", "P")
"""One marker shape per outlet (the first few); the rest share the last."""


def _source(cov: Coverage) -> str:
    named = named_outlets(cov.corpus)
    return (f"quotes read from {count(len(cov.corpus.articles), 'article')} "
            f"{'by ' + count(len(named), 'publisher') if named else '(outlet not given)'}")


def _label(row: pd.Series, what: str) -> str:
    return count(int(row["names"]), f"other {what}") if row["others"] else outlet_name(
        row["name"])


def _bars(frame: pd.DataFrame, what: str, title: str, finding: str, source: str) -> Chart:
    """Horizontal bars of share of voice (each article counted once), largest on top, each
    with its words in quotation marks, its quotes and the articles they come from."""
    data = frame[frame["quoted_words"] > 0]
    labels = [_label(row, what) for _, row in data.iterrows()]
    fig, ax = style.new_figure(title, "Share of voice, each article counted once (%)", "",
                               source, size=(8, max(2.5, 0.5 * len(data) + 1.8)))
    style.set_finding(fig, finding)
    colours = [style.PALETTE["grey"] if others else style.PALETTE["blue"]
               for others in data["others"]]
    shares = data["share"] * 100
    bars = ax.barh(range(len(data)), shares, color=colours, gid="voice")
    ax.set_yticks(range(len(data)), [textwrap.fill(label, 28) for label in labels])
    ax.bar_label(bars, labels=[f"{share_text(row['share'])}: "
                               f"{count(int(row['quoted_words']), 'word')}, "
                               f"{count(int(row['quotes']), 'quote')} in "
                               f"{count(int(row['articles']), 'article')}"
                               for _, row in data.iterrows()],
                 padding=3, fontsize=8)
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    ax.set_xlim(0, max(1, shares.max() if not data.empty else 1) * 1.9)
    listed = [f"{label} {share_text(share)}" for label, share in zip(labels, data["share"],
                                                                        strict=True)]
    return Chart(fig, f"{finding}. Bar chart, longest first: {'; '.join(listed)}.")


def voice_finding(cov: Coverage) -> str:
    """'Joe Biden has 41% of the voice in 29 articles, each counted once'."""
    spoken = cov.speakers[~cov.speakers["others"] & (cov.speakers["quoted_words"] > 0)]
    if spoken.empty:
        return "No article quotes anyone in quotation marks"
    top = spoken.iloc[0]
    return sentence(f"{top['name']} has {share_text(top['share'])} of the voice in "
                    f"{count(len(cov.corpus.articles), 'article')}, each counted once")


def speakers_image(cov: Coverage) -> Chart:
    """Share of voice by speaker: the top speakers' words in quotation marks, the rest as
    one grey bar."""
    return _bars(cov.speakers, "speaker", "Share of voice, by speaker",
                 voice_finding(cov), _source(cov))


def outlet_finding(cov: Coverage) -> str:
    """'The White House published 82% of the articles that quote anyone'."""
    spoken = cov.outlets[~cov.outlets["others"] & (cov.outlets["quoted_words"] > 0)]
    if spoken.empty:
        return "No outlet quotes anyone in quotation marks"
    top = spoken.iloc[0]
    name = outlet_name(top["name"])
    if not named_outlets(cov.corpus):
        return "The articles do not say which outlet published them"
    if len(spoken) == 1:
        return f"Only {name} quotes anyone in quotation marks"
    return (f"{name} published {share_text(top['share'])} of the articles that quote anyone "
            f"in quotation marks")


def outlets_image(cov: Coverage) -> Chart:
    """Share of voice by outlet: each outlet's words in quotation marks."""
    return _bars(cov.outlets, "outlet", "Share of voice, by outlet",
                 outlet_finding(cov), _source(cov))


def timeline_finding(cov: Coverage, table: str) -> str:
    """How the printed figures of one record table stand: 'All 9 figures … agree …'."""
    checks = cov.timeline[cov.timeline["table"] == table]
    agree = int((checks["verdict"] == Verdict.AGREE).sum())
    what = cov.pack.table(table).counts if cov.pack is not None else table
    if agree == len(checks):
        return (f"Every figure the articles print for {what} agrees with the record as it "
                f"stood on the article's date")
    return (f"{agree} of the {count(len(checks), 'figure')} the articles print for {what} "
            f"agree with the record as it stood on the article's date")


def _outlet_markers(outlets: list[str]) -> dict[str, str]:
    return {outlet: MARKERS[min(i, len(MARKERS) - 1)] for i, outlet in enumerate(outlets)}


def timeline_image(cov: Coverage, table: str) -> Chart:
    """One record table's published figures by the date they were given (points, ranges as
    bars), and every figure the articles printed by article date: colour for its verdict,
    shape for its outlet (undated articles are left out)."""
    record = cov.records[table]
    checks = cov.timeline[(cov.timeline["table"] == table) & cov.timeline["date"].notna()]
    meta = cov.pack.table(table)
    finding = timeline_finding(cov, table)
    fig, ax = style.new_figure(meta.title, "Date the figure was given or printed",
                               meta.y_label, _timeline_source(cov, record, checks),
                               size=(8, 5))
    style.set_finding(fig, finding)
    ranged = record[record["high"] > record["low"]]
    ax.vlines(ranged["date"], ranged["low"], ranged["high"], color=style.PALETTE["blue"],
              linewidth=3, alpha=0.5, gid="record range")
    ax.scatter(record["date"], (record["low"] + record["high"]) / 2, s=26, zorder=3,
               color=style.PALETTE["blue"], label="Published record", gid="record")
    outlets = [o for o in cov.corpus.outlets if o in set(checks["outlet"])]
    shapes = _outlet_markers(outlets)
    spread = checks[checks["high"] > checks["low"]]
    ax.vlines(spread["date"], spread["low"], spread["high"].clip(upper=spread["low"] * 2),
              color=style.PALETTE["grey"], linewidth=1.5, gid="figure range")
    for outlet, group in checks.groupby("outlet", sort=False):
        ax.scatter(group["date"], group["low"], marker=shapes[outlet], s=60, zorder=4,
                   c=[VERDICT_COLOURS[v] for v in group["verdict"]], edgecolors="black",
                   linewidths=0.6, gid="article figure")
    top = max([*record["high"], *checks["low"], 1])
    ax.set_ylim(0, top * 1.15)
    ax.yaxis.set_major_formatter(style.thousands)
    _date_axis(ax, pd.concat([record["date"], checks["date"]]))
    handles = [Line2D([], [], marker="o", linestyle="", color=style.PALETTE["blue"],
                      label="Published record")]
    handles += [Patch(color=VERDICT_COLOURS[v], label=f"Printed figure: {VERDICT_NAMES[v]}")
                for v in VERDICT_COLOURS if v in set(checks["verdict"])]
    handles += [Line2D([], [], marker=shapes[o], linestyle="", color="black", markersize=7,
                       markerfacecolor="white", label=textwrap.fill(outlet_name(o), 30))
                for o in outlets[:len(MARKERS)]]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8,
              frameon=False)
    return Chart(fig, timeline_alt(cov, table, finding))


def _timeline_source(cov: Coverage, record: pd.DataFrame, checks: pd.DataFrame) -> str:
    publishers = list(dict.fromkeys(record["publisher"]))
    return (f"record: {count(len(record), 'published figure')} from "
            f"{names(publishers, most=3)};\nfigures printed by "
            f"{count(checks['slug'].nunique(), 'article')}")


def timeline_alt(cov: Coverage, table: str, finding: str) -> str:
    """What the timeline shows: the record's span and range, then the printed figures."""
    record = cov.records[table]
    checks = cov.timeline[cov.timeline["table"] == table]
    dated = checks[checks["date"].notna()]
    text = (f"{finding}. Timeline chart of {count(len(record), 'published figure')} for "
            f"{cov.pack.table(table).counts}, given from {day(record['date'].min().date())} "
            f"to {day(record['date'].max().date())}, ranging from "
            f"{number(record['low'].min())} to {number(record['high'].max())}.")
    listed = [f"{outlet_name(row['outlet'])} “{row['text']}” on "
              f"{day(row['date'].date())} ({VERDICT_NAMES[row['verdict']]})"
              for _, row in dated.iterrows()]
    if listed:
        text += (f" Printed figures, by article date: "
                 f"{names(listed, most=alt.MOST_NAMED)}.")
    if len(dated) < len(checks):
        text += f" {count(len(checks) - len(dated), 'figure')} from undated articles not shown."
    return text


def timeline_images(cov: Coverage) -> list[Chart]:
    """One timeline per record table the articles print figures for."""
    return [timeline_image(cov, table) for table in cov.records]
