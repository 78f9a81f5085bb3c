"""The hidden tests' scoring: points for one task, computed apart from the student's kernel.

A grade cell's hidden test is one line, `points("people", people)`: it hands over the answer
and nothing else. The check functions, the `Feedback` class and everything they read
(`analysis`, the public record, the lesson's parameters) are loaded here afresh from the
installed source, under their own module objects, the first time a kernel asks; the names
and objects of the student's kernel (a redefined `check_people`, a patched `Feedback.share`,
a changed `analysis` or `totals`) are never used. The parameters are those of the teacher's
lesson notebook (`article_path`, `spacy_model`, `article_date`), not the kernel's.

The score is printed as the cell's value (nbgrader's partial credit); warnings and the
check's own printout are swallowed, since nbgrader gives a cell that writes to stderr 0.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import io
import json
import sys
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any

LESSONS = ("actors", "quotes", "stances", "numbers", "troop_chart", "held_out")
"""The lesson modules of `helpers.exercises` and the hidden cases, loaded afresh together."""


@dataclass(frozen=True)
class Task:
    """One graded task: its lesson notebook, its points, and how its share (0 to 1) is found."""

    notebook: str
    points: float
    share: Callable[[dict[str, ModuleType], dict[str, Any], Any], float]


def _feedback_share(module: str, check: str, *context: str) -> Callable[..., float]:
    """A task scored by a check function's `Feedback`: its answer, then named context values."""

    def share(modules: dict[str, ModuleType], ctx: dict[str, Any], answer: Any) -> float:
        feedback = getattr(modules[module], check)(answer, *(ctx[name] for name in context))
        return _share_of(modules["feedback"], feedback)

    return share


def _score(module: str, scorer: str, *context: str) -> Callable[..., float]:
    """A task scored by a lesson's own `score_...` function."""

    def share(modules: dict[str, ModuleType], ctx: dict[str, Any], answer: Any) -> float:
        return float(getattr(modules[module], scorer)(answer, *(ctx[name] for name in context)))

    return share


TASKS = {
    "sentences": Task("01_actors", 1, _feedback_share("actors", "check_sentence_count",
                                                      "analysis")),
    "people": Task("01_actors", 2, _feedback_share("actors", "check_people", "analysis")),
    "most_mentioned": Task("01_actors", 1, _feedback_share("actors", "check_most_mentioned",
                                                           "analysis")),
    "quote_pattern": Task("02a_quotes", 2, _score("held_out", "score_quote_pattern", "analysis")),
    "sentences_around": Task("02b_speakers", 1, _score("held_out", "score_sentences_around",
                                                    "analysis")),
    "speech_verb": Task("02b_speakers", 1, _feedback_share("quotes", "check_speech_verb",
                                                        "analysis")),
    "subject_of": Task("02b_speakers", 1, _feedback_share("quotes", "check_subject_of",
                                                       "analysis")),
    "speakers": Task("02b_speakers", 2, _score("held_out", "score_speakers", "analysis")),
    "coding": Task("03_stances", 3, _score("held_out", "score_coding", "analysis")),
    "agreement": Task("03_stances", 1, _score("held_out", "score_agreement")),
    "find_numbers": Task("04a_numbers", 2, _score("held_out", "score_numbers", "analysis")),
    "latest_before": Task("04b_records", 1, _feedback_share("numbers", "check_latest_before",
                                                           "totals")),
    "record_row": Task("04b_records", 1, _feedback_share(
        "numbers", "check_record_row", "casualty_figure", "totals", "article_date")),
    "previous_row": Task("04b_records", 1, _feedback_share(
        "numbers", "check_previous_estimate", "analysis", "estimates", "article_date")),
    "table": Task("05_troop_chart", 2, _score("held_out", "score_table", "reference")),
    "chart": Task("05_troop_chart", 3, _score("held_out", "score_chart", "reference")),
}

_PRISTINE: dict[str, ModuleType] = {}
_CONTEXTS: dict[str, dict[str, Any]] = {}


def _share_of(feedback_module: ModuleType, feedback: Any) -> float:
    """The share of a feedback, computed here from its fields (never a kernel's `share`)."""
    if not isinstance(feedback, feedback_module.Feedback) or not feedback.answered:
        return 0.0
    if feedback.score is None:
        return 1.0 if not feedback.missing else 0.0
    return min(max(float(feedback.score), 0.0), 1.0)


def _ours(name: str) -> bool:
    return name == "helpers" or name.startswith("helpers.")


@contextlib.contextmanager
def _pristine_modules() -> Iterator[dict[str, ModuleType]]:
    """Put fresh copies of the `helpers` modules in `sys.modules` while a score is computed.

    The kernel's own copies (which its code may have changed) are taken out and put back
    afterwards, so imports made inside a check function also reach the fresh copies.
    """
    kernel = {name: module for name, module in sys.modules.items() if _ours(name)}
    for name in kernel:
        del sys.modules[name]
    if not _PRISTINE:
        for lesson in ("feedback", *LESSONS):
            importlib.import_module(f"helpers.exercises.{lesson}")
        importlib.import_module("helpers.analysis")
        _PRISTINE.update({name: module for name, module in sys.modules.items() if _ours(name)})
    sys.modules.update(_PRISTINE)
    try:
        yield {name.rsplit(".", 1)[-1]: module for name, module in _PRISTINE.items()
               if name.startswith("helpers.exercises.")}
    finally:
        for name in [name for name in sys.modules if _ours(name)]:
            del sys.modules[name]
        sys.modules.update(kernel)


def lesson_parameters(notebook: str) -> dict[str, Any]:
    """The values of the `parameters` cell of the teacher's lesson notebook."""
    from helpers.paths import EXERCISES_DIR

    path = EXERCISES_DIR / f"{notebook}.ipynb"
    if not path.is_file():
        raise FileNotFoundError(f"The hidden tests need the teacher's lesson {path}: grade with "
                                f"the kit's own folder (or the grading bundle), not the "
                                f"student kit.")
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    source = next("".join(cell["source"]) for cell in cells
                  if "parameters" in cell.get("metadata", {}).get("tags", []))
    values = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            values[node.targets[0].id] = ast.literal_eval(node.value)
    return values


def _context(notebook: str, modules: dict[str, ModuleType]) -> dict[str, Any]:
    """What a lesson's checks compare with, built from the lesson's own parameters."""
    if notebook not in _CONTEXTS:
        params = lesson_parameters(notebook)
        analysis = sys.modules["helpers.analysis"].analyze(params["article_path"],
                                                           params.get("spacy_model", "auto"))
        records = modules["numbers"].public_record()
        figures = analysis.figures
        casualties = figures[figures["category"] == "casualties"]
        _CONTEXTS[notebook] = {
            "analysis": analysis, "totals": records.casualty_totals(),
            "estimates": records.troop_estimates(), "reference": records.troop_estimates(),
            "casualty_figure": casualties.iloc[0] if len(casualties) else None,
            "article_date": params.get("article_date", str(analysis.article.meta.date or "")),
        }
    return _CONTEXTS[notebook]


def share(task: str, answer: Any) -> float:
    """The share (0 to 1) of `task` an answer earns, from fresh checks and a fresh context."""
    if task not in TASKS:
        raise KeyError(f"No hidden test for task {task!r}: the tasks are {', '.join(TASKS)}.")
    spec = TASKS[task]
    with (warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()),
          contextlib.redirect_stderr(io.StringIO())):
        warnings.simplefilter("ignore")  # before anything loads: nbgrader zeroes stderr
        with _pristine_modules() as modules:
            try:
                return spec.share(modules, _context(spec.notebook, modules), answer)
            except Exception:  # noqa: BLE001 - an answer that breaks a check earns nothing
                return 0.0


def points(task: str, answer: Any) -> float:
    """The points `answer` earns for `task` (its share of the task's points), rounded."""
    return round(TASKS[task].points * share(task, answer), 4)


def task_points(notebook: str) -> dict[str, float]:
    """The points of each task of a lesson notebook (stem), in order."""
    return {name: task.points for name, task in TASKS.items() if task.notebook == notebook}
