"""The classroom set: one module per lesson, shared feedback, student copies and grading."""
