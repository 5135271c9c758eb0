"""Random procurements driven through every procedure, checking the invariants after each step."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from commissioning import CommissioningError
from commissioning.procurement import PROCEDURES, Procurement, ProcurementContext, uk_day
from commissioning.strategies import event_data, procurement_facts
from commissioning.strategies._procurement import _fits


class ProcurementLife(RuleBasedStateMachine):
    procurement: Procurement
    at: dt.datetime

    @initialize(key=st.sampled_from(sorted(PROCEDURES)), data=st.data())
    def start(self, key: str, data: st.DataObject) -> None:
        proc = PROCEDURES[key]
        facts = data.draw(procurement_facts().filter(lambda f: _fits(f, proc)))
        self.at = dt.datetime(
            facts.commenced_on.year,
            facts.commenced_on.month,
            facts.commenced_on.day,
            9,
            tzinfo=dt.UTC,
        )
        self.procurement, _ = Procurement.start(
            "walk", facts=facts, procedure=proc, at=self.at, actor="ann"
        )

    @rule(data=st.data())
    def step(self, data: st.DataObject) -> None:
        p = self.procurement
        if p.is_final:
            return
        events = p.procedure.definition.events_from(p.state)
        event = data.draw(st.sampled_from(events))
        at = self.at + dt.timedelta(
            days=data.draw(st.integers(0, 30)), hours=data.draw(st.integers(0, 20))
        )
        payload = data.draw(event_data(procurement=p, event=event, at=at))
        before = p.to_data()
        try:
            new, (record,) = p.act(event, at=at, actor="walker", data=payload)
        except CommissioningError:
            assert p.to_data() == before  # a refusal changes nothing
            return
        assert record.version == new.version == p.version + 1
        # every notice's (and every event's) preconditions held when it happened
        context = ProcurementContext(p.facts, p.procedure, p.timeline, at)
        for transition in p.procedure.definition.transitions_for(p.state, event):
            if transition.target == record.target:
                verdicts = [g.check(context, record.data) for g in transition.guards]
                if all(v.allowed for v in verdicts):
                    break
        else:
            raise AssertionError(f"no transition's guards allowed {record}")
        self.procurement, self.at = new, at

    @invariant()
    def no_contract_before_standstill_ends(self) -> None:
        h = self.procurement.timeline
        for r in self.procurement.history:
            if r.event == "enter_contract" and h.standstill_last_day is not None:
                assert uk_day(r.occurred_at) > h.standstill_last_day

    @invariant()
    def the_event_log_replays(self) -> None:
        p = self.procurement
        assert Procurement.replay(p.history) == p
        assert Procurement.from_data(p.to_data()) == p


ProcurementLife.TestCase.settings = settings(stateful_step_count=30)  # the profile, shorter runs
TestProcurementLife = ProcurementLife.TestCase


@given(st.from_type(Procurement))
def test_procurements_are_registered_with_hypothesis(p: Procurement) -> None:
    assert p.version == len(p.history)
