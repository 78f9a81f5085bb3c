"""Three students' submissions for the grading test: right, typical mistakes, nonsense.

Each student's answers are keyed by the nbgrader `grade_id` of the answer cell they fill; the
notebooks are built from the generated student copies, so they never drift from the lessons.
`python tests/grading/submissions.py OUT` writes them as OUT/<student>/<lesson>.ipynb, the
layout `make grade SUBMISSIONS=OUT` reads.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import nbformat

from helpers.exercises.build import SOLUTION_BLOCK, STARTER, teacher_notebooks, write_students

TYPICAL = {
    "sentences_answer": "n_sentences = len(article.paragraphs)",
    "people_answer": 'people = [ent.text for ent in doc.ents if ent.label_ == "PERSON"]',
    "most_mentioned_answer": (
        'people_only = analysis.entities[analysis.entities["type"] == "person"]\n'
        'most_mentioned = people_only.sort_values("mentions", ascending=False)["actor"].iloc[0]'),
    "quote_pattern_answer": 'quote_pattern = [{"ORTH": "“"}, {"OP": "+"}, {"ORTH": "”"}]',
    "sentences_around_answer": (
        "def sentences_around(quote):\n"
        "    first = quote.doc[quote.start].sent\n"
        "    last = quote.doc[quote.start].sent\n"
        "    return quote.doc[first.start:last.end]"),
    "speech_verb_answer": (
        'SPEECH_VERBS = {"say", "state"}\n\n\n'
        "def speech_verb(quote):\n"
        "    around = sentences_around(quote)\n"
        "    before = quote.doc[around.start - 1].sent if around.start > 0 else around[:0]\n"
        "    for sentence in (around, before):\n"
        "        for token in sentence:\n"
        "            if token.lemma_ in SPEECH_VERBS and not quote.start <= token.i < quote.end:\n"
        "                return token.text\n"
        "    return None"),
    "subject_of_answer": (
        "def subject_of(verb):\n"
        "    for child in verb.children:\n"
        '        if child.dep_ == "nsubj":\n'
        "            return child\n"
        "    return None"),
    "coding_answer": (
        "sheet['stance'] = [\n"
        '    "support", "oppose", "oppose", "oppose",\n'
        '    "support", "oppose", "oppose", "support",\n'
        '    "support", "support", "oppose",\n'
        '    "oppose", "oppose", "oppose", "oppose",\n'
        '    "support", "oppose", "oppose",\n'
        '    "oppose", "oppose",\n'
        "]"),
    "agreement_answer": (
        "def my_agreement(first, second):\n"
        "    same = sum(a == b for a, b in zip(first, second))\n"
        "    return 100 * same / len(first)"),
    "find_numbers_answer": (
        "def find_numbers(text):\n"
        '    return [float(n) for n in re.findall(r"\\d+", text)]'),
    "latest_before_answer": (
        "def latest_before(table, category, date):\n"
        '    rows = table[table["what"] == category]\n'
        '    return rows.sort_values("date").iloc[-1]'),
    "record_row_answer": 'record_row = latest_before(totals, "total_deaths", article_date)',
    "previous_row_answer": "previous_row = estimates.iloc[-1]",
    "table_answer": (
        'estimates = reference.sort_values("date")\n'
        "estimates = estimates.assign(\n"
        '    midpoint=(estimates["low"] + estimates["high"]) / 2)'),
    "chart_answer": (
        "fig, ax = plt.subplots()\n"
        'ax.plot(estimates["date"], estimates["midpoint"], marker="o")\n'
        'ax.set_title("Russian troops near Ukraine")\n'
        'ax.set_ylabel("number")'),
    "reflection": "Biden gets two titles. I would check another newspaper.",
}

NONSENSE = {
    "sentences_answer": 'n_sentences = "many"',
    "people_answer": "people = 42",
    "most_mentioned_answer": 'most_mentioned = ["Ukraine", "Russia"]',
    "quote_pattern_answer": 'quote_pattern = {"ORTH": "“"}',
    "sentences_around_answer": (
        "def sentences_around(quote):\n"
        "    first = quote.doc[quote.start].text\n"
        "    last = quote.doc[7].sent\n"
        "    return quote.doc[first.start:last.end]"),
    "speech_verb_answer": (
        "SPEECH_VERBS = 42\n\n\n"
        "def speech_verb(quote):\n"
        "    for token in sentences_around(quote):\n"
        "        if token.lemma_ in 42:\n"
        "            return 5\n"
        "    return None"),
    "subject_of_answer": (
        "def subject_of(verb):\n"
        "    for child in verb.children:\n"
        "        if child.dep_ == 7:\n"
        '            return "somebody"\n'
        "    return None"),
    "coding_answer": "sheet['stance'] = 42",
    "agreement_answer": 'my_agreement = "yes"',
    "find_numbers_answer": "def find_numbers(text):\n    return 'numbers'",
    "latest_before_answer": (
        "def latest_before(table, category, date):\n"
        "    return table"),
    "record_row_answer": 'record_row = "2022-01-22"',
    "previous_row_answer": "previous_row = 130000",
    "table_answer": "estimates = [1, 2, 3]",
    "chart_answer": 'fig = "a chart"',
}


def solutions(teacher: nbformat.NotebookNode) -> dict[str, str]:
    """The teacher's answers by grade_id: each solution cell with markers and starters removed."""
    answers = {}
    for cell in teacher.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if not grade_id or not cell.metadata["nbgrader"].get("solution"):
            continue
        source = SOLUTION_BLOCK.sub(lambda m: "".join(
            f"{line}\n" for line in m.group(2).splitlines()
            if not line.strip().startswith(STARTER.strip())), cell.source)
        answers[grade_id] = source
    answers["reflection"] = "A model answer: see the teacher's guide for the rubric."
    return answers


def write_submissions(out: Path) -> list[Path]:
    """Write the three students' notebooks into out/<student>/<lesson>.ipynb."""
    with tempfile.TemporaryDirectory() as scratch:
        return _fill(write_students(Path(scratch)), out)


def _fill(copies: list[Path], out: Path) -> list[Path]:
    written = []
    for copy in copies:
        teacher = nbformat.read(next(p for p in teacher_notebooks() if p.name == copy.name), 4)
        for student, answers in (("right", solutions(teacher)), ("typical", TYPICAL),
                                 ("nonsense", NONSENSE)):
            notebook = nbformat.read(copy, as_version=4)
            for cell in notebook.cells:
                grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
                if grade_id in answers and cell.metadata["nbgrader"].get("solution"):
                    if grade_id == "reflection":
                        cell.source = cell.source.replace("*Your answer here.*",
                                                          answers[grade_id])
                    else:
                        cell.source = answers[grade_id]
            target = out / student / copy.name
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(notebook, target)
            written.append(target)
    return written


if __name__ == "__main__":
    for path in write_submissions(Path(sys.argv[1])):
        print(f"wrote {path}")
