"""The one Altair theme, ``workbench``: registered (and enabled) on first use, never at import.

A leaf of the display layer: :mod:`workbench.charts` builds charts in it and
:mod:`workbench.export` writes them in it.
"""

from __future__ import annotations

import altair as alt

__all__ = ["CHART_WIDTH", "PALETTE", "THEME", "use_theme"]

#: Name of the one registered theme.
THEME = "workbench"

#: The category colours.
PALETTE = [
    "#1f5a96", "#d9822b", "#3a8f5c", "#b23a48", "#7a5aa6",
    "#8c6d31", "#3fa7b5", "#c36fa0", "#6b6b6b", "#a8b547",
]
#: Width of a chart's view, in pixels.
CHART_WIDTH = 560
_REGISTERED: list[str] = []


def _theme_config() -> alt.theme.ThemeConfig:
    font = "Helvetica, Arial, sans-serif"
    return {
        "config": {
            "font": font,
            "view": {"stroke": None, "continuousWidth": CHART_WIDTH, "continuousHeight": 300},
            "title": {"fontSize": 15, "anchor": "start", "subtitleColor": "#555"},
            "axis": {"labelFontSize": 11, "titleFontSize": 12, "gridColor": "#e6e6e6",
                     "labelLimit": 260},
            "legend": {"labelFontSize": 11, "titleFontSize": 12, "labelLimit": 260},
            "range": {"category": PALETTE},
            "bar": {"cornerRadiusEnd": 2},
        }
    }


def use_theme() -> str:
    """Register the ``workbench`` theme (once) and enable it.

    Returns:
        The theme name.
    """
    if not _REGISTERED:
        if THEME not in alt.theme.names():
            alt.theme.register(THEME, enable=False)(_theme_config)
        _REGISTERED.append(THEME)
    if alt.theme.active != THEME:
        alt.theme.enable(THEME)
    return THEME
