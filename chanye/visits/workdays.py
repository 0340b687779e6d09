"""Chinese working days (工作日), for the deadlines of enterprise appeals. Plain Python, no Django.

A working day is what the State Council's holiday notice says it is: public holidays (法定节假日
and the days added to them) are not working days, and the weekend days that are worked in lieu
(调休上班) are. The package `chinese_calendar` knows the notices from 2004 to 2026; for a year it
does not cover yet, Monday to Friday count as working days (`is_covered` says when that
estimate is in use, so that pages can say so).

Conventions:
- `add_workdays(start, n)` is the n-th working day *after* `start` (`start` itself is never
  counted, whether or not it is a working day); `add_workdays(start, 0)` is `start`.
- `workdays_between(start, end)` counts the working days `d` with `start < d <= end`, so that
  `workdays_between(d, add_workdays(d, n)) == n`; it is negative when `end` is before `start`.
"""

import datetime
from functools import lru_cache

import chinese_calendar

ONE_DAY = datetime.timedelta(days=1)


@lru_cache(maxsize=4096)
def is_covered(day: datetime.date) -> bool:
    """Whether the official holiday calendar covers this day's year."""
    try:
        chinese_calendar.is_workday(day)
    except NotImplementedError:
        return False
    return True


@lru_cache(maxsize=65536)
def is_workday(day: datetime.date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:  # a year the calendar does not know yet: Monday to Friday
        return day.weekday() < 5


def _as_date(day) -> datetime.date:
    if isinstance(day, datetime.datetime):
        raise TypeError("请传入日期（date），不是日期时间（datetime）")
    if not isinstance(day, datetime.date):
        raise TypeError(f"不是日期：{day!r}")
    return day


def add_workdays(start: datetime.date, n: int) -> datetime.date:
    """The n-th working day after `start`."""
    start = _as_date(start)
    if n < 0:
        raise ValueError("工作日数不能为负数")
    day = start
    while n:
        day += ONE_DAY
        if is_workday(day):
            n -= 1
    return day


def workdays_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
    start, end = _as_date(start), _as_date(end)
    if end < start:
        return -workdays_between(end, start)
    count, day = 0, start
    while day < end:
        day += ONE_DAY
        count += is_workday(day)
    return count


def latest_start_overdue(today: datetime.date, n: int) -> datetime.date:
    """The latest start date whose deadline of `n` working days lies before `today`.

    A deadline `add_workdays(start, n)` has passed on `today` exactly when `start` is on or
    before this date (deadlines never move earlier when the start moves later), so "overdue"
    becomes a date comparison a database can do.
    """
    today = _as_date(today)
    if n < 0:
        raise ValueError("工作日数不能为负数")
    day = today - ONE_DAY  # the deadline must be on or before yesterday
    if n == 0:
        return day
    found = 0
    while True:
        if is_workday(day):
            found += 1
            if found == n:
                return day - ONE_DAY
        day -= ONE_DAY


def uncovered_years(*days: datetime.date) -> list[int]:
    """The years among these days that the holiday calendar does not cover yet."""
    return sorted({d.year for d in days if d is not None and not is_covered(d)})
