"""Three students' submissions for the grading test: right, typical mistakes, nonsense.

Each student's answers are keyed by the nbgrader `grade_id` of the answer cell they fill; the
notebooks are built from the generated student copies, so they never drift from the lessons.
`python tests/grading/submissions.py OUT [N]` writes them as OUT/<student>/<lesson>.ipynb (N
copies of each student for a large class), the layout `make grade SUBMISSIONS=OUT` reads.
`write_class` writes the lesson-1 hand-ins that break graders (an empty file, a dead kernel…).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import nbformat

from helpers.exercises.build import SOLUTION_BLOCK, STARTER, teacher_notebooks, write_students

EXPECTED_TOTALS = {"right": 25.0, "typical": 8.15, "nonsense": 0.0}
"""Points of the graded cells (reflections are graded by hand), out of 25."""
EXPECTED_TYPICAL = {
    "sentences": 0.0, "people": 1.25, "most_mentioned": 0.0, "quote_pattern": 0.0,
    "sentences_around": 0.98, "speech_verb": 0.13, "subject_of": 0.0, "speakers": 0.0,
    "coding": 3.0, "agreement": 0.12, "find_numbers": 0.0, "latest_before": 0.67,
    "record_row": 1.0, "previous_row": 0.0, "table": 1.0, "chart": 0.0,
}

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
        return fill(write_students(Path(scratch)), out)


def fill(copies: list[Path], out: Path) -> list[Path]:
    """Write the three students' answers into copies of the released notebooks."""
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


def write_class(out: Path, canary: Path) -> dict[str, str]:
    """A class of lesson 1 hand-ins that must not stop grading: student id -> what it tests.

    `canary` is a file outside the submissions that one student's code tries to delete and
    another's to overwrite; the grading must leave it as it is.
    """
    with tempfile.TemporaryDirectory() as scratch:
        release = next(p for p in write_students(Path(scratch)) if p.stem == "01_actors")
        blank = nbformat.read(release, as_version=4)
    teacher = nbformat.read(next(p for p in teacher_notebooks() if p.stem == "01_actors"), 4)
    right = solutions(teacher)
    cheat = (
        "import helpers.exercises.feedback as fb\n"
        "fb.Feedback.share = property(lambda s: 1.0)\n\n\n"
        "def check_people(*args):\n"
        "    return fb.Feedback('Finding the people')\n\n\n"
        "people = ['nobody']")
    attempts = [f"Path({str(canary)!r}).unlink()",
                f"Path({str(canary)!r}).write_text('overwritten')",
                f"Path({str(canary.parent / 'planted.txt')!r}).write_text('planted')",
                f"Path({str(out / 'right' / '01_actors.ipynb')!r}).unlink()"]
    deleter = "from pathlib import Path\n\n" + "".join(
        f"try:\n    {attempt}\nexcept OSError:\n    pass\n" for attempt in attempts)
    deleter += "people = []"
    plans = {
        "right": ("01_actors.ipynb", right, "every answer right"),
        "typical": ("01_actors.ipynb", TYPICAL, "the usual mistakes"),
        "empty": ("01_actors.ipynb", None, "an empty file"),
        "dead_kernel": ("01_actors.ipynb", {**right, "sentences_answer":
                                            "import os\nos._exit(1)"}, "a dead kernel"),
        "endless": ("01_actors.ipynb", {**right, "sentences_answer":
                                        "while True:\n    pass"}, "an infinite loop"),
        "downloaded": ("01_actors (1).ipynb", right, "a file named by a browser"),
        "deleter": ("01_actors.ipynb", {**right, "people_answer": deleter},
                    "code that deletes and writes files outside its folder"),
        "cheat": ("01_actors.ipynb", {**NONSENSE, "people_answer": cheat},
                  "a score-patching cheat"),
        "no_checks": ("01_actors.ipynb", right, "the check cells and parameters deleted"),
    }
    for student, (name, answers, _) in plans.items():
        target = out / student / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if answers is None:
            target.write_bytes(b"")
            continue
        notebook = nbformat.from_dict(nbformat.reads(nbformat.writes(blank), as_version=4))
        for cell in notebook.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if grade_id == "reflection" and grade_id in answers:
                cell.source = cell.source.replace("*Your answer here.*", answers[grade_id])
            elif grade_id in answers and cell.metadata["nbgrader"].get("solution"):
                cell.source = answers[grade_id]
        if student == "no_checks":
            notebook.cells = [cell for cell in notebook.cells
                              if not cell.metadata.get("nbgrader", {}).get("grade")
                              and "parameters" not in cell.metadata.get("tags", [])]
        nbformat.write(notebook, target)
    (out / "absent").mkdir()
    plans["absent"] = ("", {}, "a folder with nothing in it")
    return {student: plan[2] for student, plan in plans.items()}


def copies(out: Path, times: int) -> None:
    """Make `times` students of each fixture student (right_1, typical_1, …): a large class."""
    for student in [path for path in out.iterdir() if path.is_dir()]:
        for n in range(1, times + 1):
            shutil.copytree(student, out / f"{student.name}_{n}")
        shutil.rmtree(student)


if __name__ == "__main__":
    # python tests/grading/submissions.py OUT [N]: the three students, or N copies of each
    written = write_submissions(Path(sys.argv[1]))
    if len(sys.argv) > 2:
        copies(Path(sys.argv[1]), int(sys.argv[2]))
    print(f"wrote {len(written)} notebooks" + (f", {sys.argv[2]} copies of each student"
                                               if len(sys.argv) > 2 else ""))
