"""Calendar arithmetic: month ends, month shifts, safe dates and holiday dates."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from workbench.annotate.time.patterns import HOLIDAYS


def _nth_weekday(y: int, month: int, weekday: int, n: int) -> date:
    """The n-th ``weekday`` (0 = Monday) of a month; n = -1 for the last one."""
    if n < 0:
        last = _month_end(y, month)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(y, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _easter(y: int) -> date:
    """Western Easter Sunday (anonymous Gregorian computus)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(y, month, day + 1)


def holiday_date(name: str, y: int) -> date:
    """The date of a holiday rule from :data:`HOLIDAYS` in year ``y`` (US dates)."""
    rule = HOLIDAYS.get(name, name)
    if isinstance(rule, tuple):
        return date(y, *rule)
    if rule == "thanksgiving":
        return _nth_weekday(y, 11, 3, 4)
    if rule == "election":  # the Tuesday after the first Monday of November
        return _nth_weekday(y, 11, 0, 1) + timedelta(days=1)
    if rule == "labor":
        return _nth_weekday(y, 9, 0, 1)
    if rule == "memorial":
        return _nth_weekday(y, 5, 0, -1)
    if rule == "good_friday":
        return _easter(y) - timedelta(days=2)
    return _easter(y)


# ------------------------------------------------------------------------------------------
# resolution
# ------------------------------------------------------------------------------------------


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None
