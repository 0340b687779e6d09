"""Working-day arithmetic against the real State Council calendars (chinese_calendar), no Django."""

import datetime
import subprocess
import sys
from pathlib import Path

import chinese_calendar
import pytest

from chanye.visits.workdays import add_workdays, is_covered, is_workday, latest_start_overdue, workdays_between

D = datetime.date


def test_the_calendar_agrees_with_the_2025_and_2026_national_day_notices():
    # 2025: 10月1日至8日放假（国庆、中秋），9月28日（周日）、10月11日（周六）上班.
    assert not any(is_workday(D(2025, 10, d)) for d in range(1, 9))
    assert is_workday(D(2025, 9, 28)) and D(2025, 9, 28).weekday() == 6
    assert is_workday(D(2025, 10, 11)) and D(2025, 10, 11).weekday() == 5
    assert not is_workday(D(2025, 9, 27)) and not is_workday(D(2025, 10, 12))
    # 2026: 9月25日至27日中秋，10月1日至7日国庆，9月20日（周日）、10月10日（周六）上班.
    assert not any(is_workday(D(2026, 9, d)) for d in (25, 26, 27))
    assert not any(is_workday(D(2026, 10, d)) for d in range(1, 8))
    assert is_workday(D(2026, 9, 20)) and D(2026, 9, 20).weekday() == 6
    assert is_workday(D(2026, 10, 10)) and D(2026, 10, 10).weekday() == 5
    for day in (D(2025, 9, 28), D(2025, 10, 11), D(2026, 9, 20), D(2026, 10, 10)):
        assert chinese_calendar.is_in_lieu(day) is False and chinese_calendar.is_workday(day)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2025, 9, 30), 1, D(2025, 10, 9)),  # the whole holiday is skipped
        (D(2025, 9, 30), 3, D(2025, 10, 11)),  # ... and the Saturday worked in lieu counts
        (D(2025, 9, 30), 5, D(2025, 10, 14)),  # 9, 10, 11 (周六调休), 13, 14
        (D(2025, 9, 26), 1, D(2025, 9, 28)),  # Friday → the Sunday worked in lieu
        (D(2025, 9, 27), 1, D(2025, 9, 28)),  # received on a Saturday: the next working day is the first
        (D(2025, 10, 3), 1, D(2025, 10, 9)),  # received during the holiday
        (D(2025, 10, 10), 1, D(2025, 10, 11)),  # Friday → Saturday worked in lieu
        (D(2025, 10, 11), 1, D(2025, 10, 13)),  # the Sunday after it is a rest day again
        (D(2026, 9, 18), 1, D(2026, 9, 20)),  # Friday → Sunday worked in lieu before 中秋
        (D(2026, 9, 24), 1, D(2026, 9, 28)),  # 中秋 25–27 September 2026
        (D(2026, 9, 30), 1, D(2026, 10, 8)),  # 国庆 1–7 October 2026
        (D(2026, 9, 30), 3, D(2026, 10, 10)),  # 8, 9, 10 (周六调休)
        (D(2025, 9, 30), 0, D(2025, 9, 30)),
    ],
)
def test_add_workdays_across_holidays_and_adjusted_workdays(start, n, expected):
    assert add_workdays(start, n) == expected
    assert workdays_between(start, expected) == n


def test_workdays_between_counts_after_start_up_to_end():
    assert workdays_between(D(2025, 9, 30), D(2025, 10, 12)) == 3  # 9, 10, 11 October
    assert workdays_between(D(2025, 9, 26), D(2025, 10, 8)) == 3  # 28, 29, 30 September
    assert workdays_between(D(2025, 10, 12), D(2025, 9, 30)) == -3
    assert workdays_between(D(2025, 10, 1), D(2025, 10, 1)) == 0
    # 28, 29, 30 September; 8, 9 October and Saturday the 10th worked in lieu
    assert workdays_between(D(2026, 9, 24), D(2026, 10, 10)) == 6
    brute = sum(is_workday(D(2026, 9, 24) + datetime.timedelta(days=k)) for k in range(1, 17))
    assert brute == 6


def test_latest_start_overdue_is_the_boundary_of_passed_deadlines():
    for offset in range(60):  # through the 2025 National Day and 中秋
        today = D(2025, 9, 20) + datetime.timedelta(days=offset)
        for n in range(6):
            latest = latest_start_overdue(today, n)
            assert add_workdays(latest, n) < today, (today, n)
            assert add_workdays(latest + datetime.timedelta(days=1), n) >= today, (today, n)


def test_a_year_the_calendar_does_not_cover_counts_monday_to_friday():
    assert is_covered(D(2026, 12, 31)) and not is_covered(D(2027, 1, 4))
    assert add_workdays(D(2027, 3, 5), 1) == D(2027, 3, 8)  # Friday → Monday
    assert add_workdays(D(2026, 12, 31), 2) == D(2027, 1, 4)  # 2027-01-01 is a Friday: counted as a working day
    assert not is_workday(D(2027, 3, 6))


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="不能为负数"):
        add_workdays(D(2025, 1, 1), -1)
    with pytest.raises(TypeError):
        add_workdays(datetime.datetime(2025, 1, 1, 9), 1)
    with pytest.raises(TypeError):
        workdays_between("2025-01-01", D(2025, 1, 2))


def test_the_module_imports_no_django():
    root = Path(__file__).resolve().parents[3]
    code = "import sys; import chanye.visits.workdays; assert not any(m.startswith('django') for m in sys.modules), 'django'"
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True)
