"""Test-suite set-up for every path pytest collects (``tests``, ``src`` and ``docs`` doctests, README).

Hypothesis runs one **derandomised** profile by default, with or without ``CI``:
the README's command (``.venv/bin/python -m pytest -q``) and CI test the same
examples on every machine and every run, so a first run in a fresh clone never
fails by chance. Randomised exploration is opt-in::

    HYPOTHESIS_PROFILE=explore .venv/bin/python -m pytest -q

and every failing example it finds is kept as an explicit ``@example(...)`` on
the test (see ``docs/explanation/contributing.md``). This file sits at the
repository root, not in ``tests/``, so that the profile also applies when only
``src`` or ``docs`` (whose doctests use ``@given``) are collected.
"""

import os

from hypothesis import HealthCheck, settings

#: The profile of the README's test command and of CI: the same examples every run.
settings.register_profile(
    "deterministic",
    derandomize=True,
    database=None,  # no examples replayed from earlier (e.g. exploratory) runs
    max_examples=60,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
#: Opt-in: new random seeds and many more examples; failures are saved in .hypothesis/.
settings.register_profile(
    "explore",
    derandomize=False,
    max_examples=1000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or "deterministic")
