"""Notebook extras: pandas tables and matplotlib plots (skipped where the extras are missing)."""

import pytest

from commissioning.appraisal import (
    Criterion,
    PolicyModel,
    ScoringScheme,
    ShortList,
    appraise_options,
    plot_distribution,
    plot_tornado,
    sensitivity,
    simulate,
)


def test_tables_become_dataframes() -> None:
    pytest.importorskip("pandas")
    table = appraise_options(ShortList.example()).to_frame()
    assert table.index[0] == "in-house reablement"
    assert {"npsv", "bcr", "pv_costs"} <= set(table.columns)
    summary = simulate(PolicyModel.example(), draws=100, seed=1).to_frame()
    assert list(summary.index) == ["in-house", "outsourced"]
    draws = simulate(PolicyModel.example(), draws=10, seed=1).to_frame(summary=False)
    assert len(draws) == 20
    assert len(sensitivity(PolicyModel.example()).to_frame()) > 0
    assert len(PolicyModel.example().central().to_frame()) == 2
    card = ScoringScheme.of([Criterion.of("q", 100)]).score({"x": {"q": 5}})
    assert float(card.to_frame().loc["x", "total"]) == 50


def test_distributions_and_tornado_charts_plot_without_pyplot() -> None:
    pytest.importorskip("matplotlib")
    result = simulate(PolicyModel.example(), draws=200, seed=1)
    ax = plot_distribution(result, metric="cost_per_outcome")
    assert ax.get_xlabel().startswith("cost per outcome")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["in-house", "outsourced"]
    analysis = sensitivity(PolicyModel.example())
    tornado = plot_tornado(analysis)
    labels = [t.get_text() for t in tornado.get_yticklabels()]
    assert labels[-1] == analysis.rows[0].input  # widest at the top
    assert result.plot().figure is not None
    assert analysis.plot().figure is not None
