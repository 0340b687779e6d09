"""A long-template CSV tokenised by Arrow's C reader, its columns dictionary-encoded (issue 20).

csv.reader makes a Python string of every cell: for a million rows that alone is the whole of the bare read,
and the validating parse then hashes each of those strings again to look it up. Arrow's reader keeps the cells
in its own buffers; dictionary_encode() finds each column's distinct texts in C, so Python sees a file's few
thousand distinct cells (LongTable.read_arrow) and numpy index arrays instead of seven million strings.

This reader reproduces csv.reader exactly only on files of a plain shape: one encoding that csv_rows would
also pick, no quote character, no NUL byte, line ends \\n or \\r\\n, every row as wide as the header, no cell
longer than csv.reader accepts, within the row and cell limits. Anything else gives None and the file is read
by csv.reader as before, so every row number, message and limit stays what it was.
"""

import codecs
import csv

import numpy as np

from chanye.core.tables import Limits

# Below 1 MB (some 15,000 rows) csv.reader takes hundredths of a second: not worth loading pyarrow for.
MIN_BYTES = 1 << 20


class Column:
    """One column of the rows under the header: each row's index into `texts`, the column's distinct cells."""

    __slots__ = ("codes", "texts")

    def __init__(self, codes: np.ndarray, texts: list[str]):
        self.codes, self.texts = codes, texts


def read(content: bytes, limits: Limits, wanted) -> tuple[list[str], list[Column]] | None:
    """(the header's cells, the columns of the rows under it), or None when csv.reader is to read the file: one
    too small to be worth it, of a shape read otherwise by csv.reader, or whose header `wanted` does not want."""
    if len(content) < MIN_BYTES:
        return None
    data = _utf8(content)
    if data is None or not _plain(data):
        return None
    # csv.reader's first record, as read_raw_rows strips it: without quotes, the first line split at its commas
    headers = [h.strip() for h in data[: data.find(b"\n")].decode("utf-8").rstrip("\r").split(",")]
    if not any(headers) or not wanted(headers):
        return None
    table = _table(data, len(headers))
    if table is None or not _lines_end_alike(data, table.num_rows + 1):
        return None
    # csv.reader's count, blank lines as `width` cells: never below it, so within the limit here is within it there
    if table.num_rows > limits.rows or (table.num_rows + 1) * len(headers) > limits.cells:
        return None
    columns = [_encoded(table.column(i)) for i in range(len(headers))]
    limit = csv.field_size_limit()
    if any(len(text) > limit for column in columns for text in column.texts):
        return None  # csv.reader refuses such a cell
    return headers, columns


def _table(data: bytes, width: int):
    """The rows under the header as a pyarrow Table of `width` string columns, or None when a row is wider or
    narrower than the header."""
    # imported here, not by every process that imports the import code: only a large file needs it
    import pyarrow as pa
    import pyarrow.csv as pacsv

    names = [str(i) for i in range(width)]
    try:
        return pacsv.read_csv(
            pa.py_buffer(data),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1),
            # quote_char=False: no quote is in the file. ignore_empty_lines=False: a blank line is a row of empty
            # cells, numbered and then dropped as csv.reader's [] is.
            parse_options=pacsv.ParseOptions(quote_char=False, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False, check_utf8=False
            ),
        )
    except pa.ArrowInvalid:
        return None


def _utf8(content: bytes) -> bytes | None:
    """The file as UTF-8 without a BOM, decoded as csv_rows decodes it (UTF-8 with or without BOM, else GB18030:
    its text re-encoded, a U+FEFF it starts with kept as csv_rows keeps it)."""
    if b"\x00" in content:
        return None
    try:
        content.decode("utf-8")  # the check alone (Arrow's own is then skipped): Arrow reads the bytes themselves
    except UnicodeDecodeError:
        try:
            return content.decode("gb18030").encode("utf-8")
        except UnicodeDecodeError:
            return None
    return content.removeprefix(codecs.BOM_UTF8)


def _plain(data: bytes) -> bool:
    """No quote (csv.reader's handling of a stray one is its own), and a line end after the header."""
    return b'"' not in data and b"\n" in data


def _lines_end_alike(data: bytes, records: int) -> bool:
    """Whether every record Arrow read ended at a \\n (or \\r\\n), or at the end of the file. Arrow also ends one at
    a lone \\r, where csv.reader over the decoded text stops with an error: such a file has more records than
    line feeds. (Counting one byte: comparing the counts of \\r and of \\r\\n took 0.09 s for 67 MB, this 0.02 s.)"""
    return records == data.count(b"\n") + (data[-1:] not in (b"\n", b"\r"))


def _encoded(column) -> Column:
    """A pyarrow ChunkedArray of strings as a Column."""
    encoded = column.dictionary_encode().combine_chunks()
    return Column(encoded.indices.to_numpy(), encoded.dictionary.to_pylist())
