"""nbgrader settings for the classroom set, for an existing course or a JupyterHub.

Copy this file into the course's folder (beside `source/`), or call `kit_settings(c)` from the
course's own `nbgrader_config.py`; the kit must be installed where nbgrader runs. It swaps
nbgrader's ClearSolutions for the kit's (stubs and fill-in blanks survive; see
`helpers.exercises.build`) and sets 60 s per cell. Everything course-specific (course id,
exchange, database) stays yours. docs/teaching.md, "Stock nbgrader", says more.
"""

from helpers.exercises.build import kit_settings

kit_settings(get_config())  # noqa: F821 - nbgrader gives its config files get_config()
