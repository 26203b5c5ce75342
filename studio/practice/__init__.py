"""Practice: exercises on every lesson, the learner's own code run in a kernel and checked.

    exercise.py     an exercise (task, starter, solution, hints, checks), the checks' view of a
                    run (Env), and the catalog of every exercise
    exercises/      the exercises themselves, one data module per family of lessons
    checks.py       what checks share: comparing and describing values, reading figures
    attempt.py      the kernel job: run the learner's code, then its exercise's checks
    mpl_backend.py  `plt.show()` in the learner's code sends the figures to the app
    report.py       an attempt's result: status, each check's expected and found, traceback
    store.py        attempts, drafts, hints and solutions seen, in SQLite
    coordinator.py  one attempt's life in a kernel (the window and `studio practice check`)
    progress.py     exercises passed per lesson, topic and phase of a plan

Checks read what the code produced (its variables, printed output, figures, curves, time and
memory), never the code's text (DESIGN: learntools' and otter-grader's model). Plain Python, no Qt.
"""
