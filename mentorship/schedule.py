"""Month arithmetic of the check-in schedule."""

import calendar
import datetime


def add_months(day, months):
    """``day`` plus ``months`` calendar months, clamped to the month's last day.

    31 January + 1 month is 28 (or 29) February.
    """
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last_day))


def checkin_schedule(edition, registration_date):
    """Due dates of an edition's check-ins, each counted from the registration.

    Counting each one from the registration date (not from the previous one)
    keeps a company registered on the 31st due on the last day of short months
    and back on the 31st afterwards.
    """
    return [
        add_months(registration_date, number * edition.checkin_interval_months)
        for number in range(1, edition.checkin_count + 1)
    ]
