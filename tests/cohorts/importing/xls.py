"""A minimal Excel 97-2003 (.xls) writer for the tests: nothing on PyPI we
depend on writes this format, and schools still send it.

Writes one BIFF8 workbook stream (text and number cells, several sheets)
inside a compound file of 512-byte sectors, as xlrd reads it.
"""

import struct

SECTOR = 512
FREE, END_OF_CHAIN, FAT_SECTOR, NO_STREAM = (
    0xFFFFFFFF,
    0xFFFFFFFE,
    0xFFFFFFFD,
    0xFFFFFFFF,
)
# Streams smaller than this would live in the mini stream, which this writer
# does not produce: the workbook stream is padded up to it.
MINI_CUTOFF = 4096


def _record(kind, payload=b""):
    return struct.pack("<HH", kind, len(payload)) + payload


def _bof(kind):
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 6))


def _cell(row, col, value):
    if isinstance(value, str):
        text = value.encode("utf-16-le")
        payload = struct.pack("<HHHHB", row, col, 0, len(value), 1) + text
        return _record(0x0204, payload)
    return _record(0x0203, struct.pack("<HHHd", row, col, 0, float(value)))


def _sheet_stream(rows):
    cells = b"".join(
        _cell(r, c, value)
        for r, row in enumerate(rows)
        for c, value in enumerate(row)
        if value is not None
    )
    return _bof(0x0010) + cells + _record(0x000A)


def _workbook_stream(sheets):
    names = list(sheets)
    bodies = [_sheet_stream(sheets[name]) for name in names]

    def boundsheet(offset, name):
        encoded = name.encode("utf-16-le")
        return _record(
            0x0085, struct.pack("<IBBBB", offset, 0, 0, len(name), 1) + encoded
        )

    # The sheet offsets depend on the globals' length, which does not.
    globals_length = len(_bof(0x0005)) + len(_record(0x000A))
    globals_length += sum(len(boundsheet(0, name)) for name in names)
    offsets, position = [], globals_length
    for body in bodies:
        offsets.append(position)
        position += len(body)
    stream = _bof(0x0005)
    stream += b"".join(boundsheet(o, n) for o, n in zip(offsets, names, strict=True))
    stream += _record(0x000A) + b"".join(bodies)
    return stream


def _directory_entry(name, kind, child, start, size):
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", NO_STREAM, NO_STREAM, child)
        + b"\0" * 16
        + b"\0" * 4
        + b"\0" * 16
        + struct.pack("<IQ", start, size)
    )


def xls_bytes(sheets):
    """An .xls file from ``{sheet name: rows}``; cells are text or numbers."""
    stream = _workbook_stream(sheets)
    stream = stream.ljust(max(MINI_CUTOFF, -(-len(stream) // SECTOR) * SECTOR), b"\0")
    size = len(stream)
    stream_sectors = len(stream) // SECTOR
    directory_sector = 1 + stream_sectors

    fat = [FAT_SECTOR]
    fat += [2 + i for i in range(stream_sectors - 1)] + [END_OF_CHAIN]
    fat += [END_OF_CHAIN]
    fat += [FREE] * (SECTOR // 4 - len(fat))

    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
    header += struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack(
        "<IIIIIIIII",
        0,
        1,
        directory_sector,
        0,
        MINI_CUTOFF,
        END_OF_CHAIN,
        0,
        END_OF_CHAIN,
        0,
    )
    header += struct.pack("<I", 0) + struct.pack("<I", FREE) * 108

    directory = _directory_entry("Root Entry", 5, 1, END_OF_CHAIN, 0)
    directory += _directory_entry("Workbook", 2, NO_STREAM, 1, size)
    directory += _directory_entry("", 0, NO_STREAM, 0, 0) * 2
    return header + struct.pack("<128I", *fat) + stream + directory
