"""The period values explain themselves, and their day checks name the day they refuse.

A user reads ``explanation`` to see which rows were weighed and why (issue 17 item 6:
the rows' wording and the refusals' field survived mutation untested).
"""

import pytest
from pendulum import Date

from commissioning import InvalidInput
from commissioning.periods import (
    StandstillExemption,
    pa_contract_details_deadline,
    pa_participation_period,
    pa_standstill,
    pa_tendering_period,
)

MON = Date(2026, 3, 2)


def test_a_time_limit_explains_every_row_it_weighed() -> None:
    assert pa_participation_period(invited_on=MON, urgency=True).explanation == (
        "Procurement Act 2023 s.54(3), participation period: the shortest applicable minimum "
        "is 10 days (urgency).\n"
        "Rows: light touch contract: no minimum (does not apply); urgency: 10 days (applies); "
        "any other case: 25 days (applies).\n"
        "Counted 10 days beginning with the day after the invitation (Mon 2 Mar 2026): "
        "Tue 3 Mar 2026 (day 1) to Thu 12 Mar 2026 (day 10).\n"
        "Earliest permitted deadline: Thu 12 Mar 2026."
    )


def test_a_row_with_a_note_gives_it_after_whether_it_applies() -> None:
    t = pa_tendering_period(
        invited_on=MON,
        electronic_submission=False,
        all_documents_available=False,
        planned_procurement_notice_on=Date(2025, 12, 1),
    )
    rows = t.explanation.splitlines()[1]
    assert (
        "qualifying planned procurement notice: 10 days (applies: published 91 days before); "
        in rows
    )
    assert rows.endswith("not electronic, documents not all at once: 35 days (applies).")
    none = pa_tendering_period(
        invited_on=MON, electronic_submission=False, all_documents_available=False
    )
    assert (
        "qualifying planned procurement notice: 10 days (does not apply: none published); "
        in none.explanation
    )


def test_no_time_limit_explains_why_and_the_rows() -> None:
    assert pa_participation_period(invited_on=MON, light_touch=True).explanation == (
        "Procurement Act 2023 s.54(3), participation period: no statutory minimum "
        "(light touch contract): the time limit must still be reasonable (s.54(1)).\n"
        "Rows: light touch contract: no minimum (applies); urgency: 10 days (does not apply); "
        "any other case: 25 days (applies)."
    )


def _day_checks() -> list[tuple[str, object]]:
    return [
        ("a time limit", lambda day: pa_participation_period(invited_on=MON).permits_deadline(day)),
        (
            "no time limit",
            lambda day: pa_participation_period(invited_on=MON, light_touch=True).permits_deadline(
                day
            ),
        ),
        ("a standstill", lambda day: pa_standstill(published_on=MON).permits_entry_on(day)),
        (
            "no standstill",
            lambda day: pa_standstill(
                published_on=MON, exemption=StandstillExemption.LIGHT_TOUCH
            ).permits_entry_on(day),
        ),
        (
            "a notice deadline",
            lambda day: pa_contract_details_deadline(entered_on=MON).is_late_on(day),
        ),
    ]


@pytest.mark.parametrize(("what", "check"), _day_checks(), ids=[w for w, _ in _day_checks()])
def test_each_day_check_names_the_day_it_refuses(what: str, check: object) -> None:
    with pytest.raises(InvalidInput) as err:
        check("3 March")  # type: ignore[operator]
    assert (err.value.field, err.value.received) == ("day", "3 March"), what
