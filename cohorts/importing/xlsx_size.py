"""openpyxl's read-only sheets learn their declared size from their head.

openpyxl 3.1 opens every sheet of a read-only workbook once to find the size
it declares (``<dimension ref="A1:I10001"/>``, before the cells). It walks the
XML by "end" events, and ``<sheetData>`` ends after the last cell, so a sheet
that declares no size (a workbook written as a stream, as many exporters do)
is parsed whole before it is read: a third of the reading time of a
10,000-row attendance file. :func:`declared_size` walks by "start" events and
stops where the cells begin; the size found is the same.
"""

from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import DATA_TAG, DIMENSION_TAG
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.xml.functions import iterparse


def declared_size(source):
    """``(min_col, min_row, max_col, max_row)`` a sheet declares, or None."""
    for _event, element in iterparse(source, events=("start",)):
        if element.tag == DIMENSION_TAG:
            return SheetDimension.from_tree(element).boundaries
        if element.tag == DATA_TAG:
            return None
    return None


def _get_size(worksheet):
    with worksheet._get_source() as source:
        dimensions = declared_size(source)
    if dimensions is not None:
        (
            worksheet._min_column,
            worksheet._min_row,
            worksheet._max_column,
            worksheet._max_row,
        ) = dimensions


def install():
    """Make read-only worksheets use :func:`declared_size` (idempotent)."""
    ReadOnlyWorksheet._get_size = _get_size
