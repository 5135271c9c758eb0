"""Invariants of the commencement and exemption tables over random procurements."""

import datetime as dt

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from commissioning.procurement import (
    PA_COMMENCEMENTS,
    PA_EXEMPTIONS,
    Devolution,
    ObligationStatus,
    Procurement,
    circumstances_of,
    obligations,
    provision_of_rule,
)
from commissioning.strategies import procurements

PA_KEYS = st.sampled_from(
    [
        "pa-open",
        "pa-competitive-flexible",
        "pa-light-touch",
        "pa-direct-award",
        "pa-below-threshold",
    ]
)


@settings(max_examples=60, deadline=None)
@given(
    procurements(procedures=PA_KEYS, breaches=True),
    st.dates(min_value=dt.date(2025, 2, 24), max_value=dt.date(2029, 12, 31)),
)
def test_an_exempt_or_uncommenced_duty_is_never_owed(p: Procurement, day: dt.date) -> None:
    on = pendulum.Date(day.year, day.month, day.day)
    circumstances = circumstances_of(p.facts, procedure=p.procedure.key, history=p.timeline)
    welsh = p.facts.devolution is Devolution.WELSH
    for o in obligations(p, on=on):
        if PA_EXEMPTIONS.exemption(o.rule.key, circumstances) is not None:
            assert o.status is ObligationStatus.NOT_APPLICABLE, o
            assert o.due_on is None
        provision = provision_of_rule(o.rule.key)
        if provision is not None and not PA_COMMENCEMENTS.in_force(provision, on=on, welsh=welsh):
            assert o.status is ObligationStatus.NOT_APPLICABLE, o
        if o.status is ObligationStatus.OVERDUE:
            assert o.due_on is not None
            assert o.due_on < on
