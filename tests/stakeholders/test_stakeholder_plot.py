"""The power/interest grid plot (needs the optional matplotlib; skipped without it)."""

import datetime as dt
import io

import pytest

from commissioning import InvalidInput
from commissioning.stakeholders import (
    Stakeholder,
    StakeholderMap,
    Thresholds,
    plot_power_interest,
)

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

AT = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)


def the_map() -> StakeholderMap:
    return StakeholderMap.create(
        [
            Stakeholder("cabinet", "Cabinet", "cabinet", power=9, interest=8),
            Stakeholder("icb", "ICB", "health partner", power=8, interest=2),
            Stakeholder("users", "Users", "service user", power=2, interest=9),
            Stakeholder("carers", "Carers", "carer", power=3, interest=9),
        ],
        at=AT,
        actor="x",
    )[0]


def test_the_grid_plots_one_point_per_stakeholder_coloured_by_quadrant() -> None:
    ax = plot_power_interest(the_map())
    # 3 quadrants have members: key players (1), keep satisfied (1), keep informed (2)
    sizes = {c.get_label(): len(c.get_offsets()) for c in ax.collections}
    assert sizes == {"key players": 1, "keep satisfied": 1, "keep informed": 2}
    assert ax.get_xlabel() == "Interest (0-10)"
    assert ax.get_ylabel() == "Power (0-10)"
    key = ax.texts[-1].get_text().splitlines()  # numbered points, named in the key
    assert {line.split("  ", 1)[1] for line in key} == {"Cabinet", "ICB", "Users", "Carers"}
    buffer = io.BytesIO()
    ax.figure.savefig(buffer, format="png")
    assert buffer.getvalue().startswith(b"\x89PNG")


def test_the_grid_lines_follow_the_thresholds_and_labels_can_be_left_off() -> None:
    ax = plot_power_interest(the_map(), thresholds=Thresholds(power=9, interest=9), labels=False)
    sizes = {c.get_label(): len(c.get_offsets()) for c in ax.collections}
    assert sizes == {"keep satisfied": 1, "keep informed": 2, "monitor": 1}
    assert "Cabinet" not in {t.get_text() for t in ax.texts}
    x_line, y_line = ax.lines[0].get_xdata()[0], ax.lines[1].get_ydata()[0]
    assert (x_line, y_line) == (8.5, 8.5)
    with pytest.raises(InvalidInput):
        plot_power_interest(the_map(), thresholds="high")  # type: ignore[arg-type] # bad on purpose


def test_the_grid_draws_on_a_given_axes() -> None:
    from matplotlib.figure import Figure  # noqa: PLC0415 - optional dependency

    ax = Figure().add_subplot()
    assert plot_power_interest(StakeholderMap(), ax=ax) is ax
    assert len(ax.collections) == 0
