"""Every path the project uses, built from the package location, never the working directory."""

import os
from pathlib import Path

PROJ_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJ_ROOT / "data"
RULES_DIR = DATA_DIR / "rules"
STORIES_DIR = DATA_DIR / "stories"
ANNOTATIONS_DIR = DATA_DIR / "annotations"
SEEDS_DIR = PROJ_ROOT / "seeds"
CORPUS_DIR = DATA_DIR / "corpus"
"""Real articles on one story from several publishers (the coverage example)."""
TEST_CORPUS_DIR = PROJ_ROOT / "tests" / "corpus"
"""Real articles of many kinds, for regression tests and scores."""
HELDOUT_DIR = PROJ_ROOT / "tests" / "heldout"
"""Real articles keyed blind and never used to tune a rule: scores of what the kit has not seen."""
NEWSROOM_DIR = PROJ_ROOT / "tests" / "newsroom"
"""Newsroom prose (US and UK outlets, openly licensed), keyed blind, to tune attribution on."""
NEWSROOM_HELDOUT_DIR = PROJ_ROOT / "tests" / "newsroom_heldout"
"""Newsroom prose keyed blind and never used to tune a rule."""
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
EXERCISES_DIR = NOTEBOOKS_DIR / "exercises"
REPORTS_DIR = PROJ_ROOT / "reports"
CACHE_DIR = Path(os.environ.get("HELPERS_CACHE_DIR") or PROJ_ROOT / ".cache")
"""Generated caches (git-ignored); HELPERS_CACHE_DIR moves it, e.g. for a cold benchmark."""

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


def lesson_files(folder: Path, suffix: str) -> list[Path]:
    """The files of `folder` named for a lesson (`01_actors`, `02a_quotes` …), in lesson order."""
    return sorted([*folder.glob(f"[0-9][0-9]_*{suffix}"),
                   *folder.glob(f"[0-9][0-9][a-z]_*{suffix}")])


def resolve_article(path: str | Path) -> Path:
    """Resolve an article path: absolute as given, else from the working directory, else the root.

    Notebooks run from other folders under papermill and nbval, so a path such as
    ``seeds/x.txt`` or ``../seeds/x.txt`` is also tried against the project root and
    ``notebooks/``. The first existing candidate wins; otherwise the path from the working
    directory is returned so the loader can report it as missing.
    """
    if not isinstance(path, str | Path) or not str(path).strip():
        raise ValueError(
            f"article_path must be the path of a .txt or .html article file, got {path!r}."
        )
    given = Path(path).expanduser()
    if given.is_absolute():
        return given
    candidates = [Path.cwd() / given, PROJ_ROOT / given, NOTEBOOKS_DIR / given]
    for candidate in candidates:
        if candidate.exists():
            return candidate.resolve()
    return (Path.cwd() / given).resolve()
