"""The small-cell rule: no published figure may single out fewer than 5 people.

Breakdowns on the pages and in every export go through :func:`suppress`.
"""

from dataclasses import dataclass

# Groups smaller than this are hidden in every breakdown and export.
SMALL_CELL = 5
SMALL_LABEL = "<5"
# A cell hidden only so that a total cannot reveal a small one.
SECONDARY_LABEL = "*"


@dataclass
class Cell:
    """One figure of a table, shown or hidden by the small-cell rule."""

    value: int
    hidden: bool = False
    primary: bool = False

    @property
    def display(self):
        if self.primary:
            return SMALL_LABEL
        if self.hidden:
            return SECONDARY_LABEL
        return str(self.value)

    @property
    def sheet_value(self):
        """The number when shown, the mark when hidden: in a workbook a shown
        figure stays a number that can be added up."""
        return self.display if self.hidden else self.value

    def __str__(self):
        return self.display


def suppress(lines):
    """Hide small cells in place so that no line's total can reveal them.

    ``lines`` is a list of ``(cells, total)``: cells that add up to ``total``
    (a :class:`Cell`, or None when the line has no total). The rule:

    1. every cell from 1 to 4 is hidden ("<5"); zero is shown, it names
       nobody;
    2. in a line with a total, while exactly one cell is hidden, or the hidden
       cells add up to fewer than 5, one more cell is hidden ("*"): the
       smallest non-zero one shown, else a zero, so that the reader cannot
       tell which group holds the people;
    3. step 2 is repeated until nothing changes, since a cell hidden in one
       line may leave a single hidden cell in another.

    Totals stay shown: they are the stage figures the funnel shows anyway.
    """
    for cells, _total in lines:
        for cell in cells:
            if 0 < cell.value < SMALL_CELL:
                cell.hidden = cell.primary = True
    changed = True
    while changed:
        changed = False
        for cells, total in lines:
            if total is None:
                continue
            hidden = [cell for cell in cells if cell.hidden]
            if not hidden:
                continue
            if len(hidden) > 1 and sum(cell.value for cell in hidden) >= SMALL_CELL:
                continue
            shown = [cell for cell in cells if not cell.hidden]
            if not shown:
                continue
            # Smallest non-zero first; zeros only when nothing else is left.
            min(shown, key=lambda cell: (cell.value == 0, cell.value)).hidden = True
            changed = True
    return lines
