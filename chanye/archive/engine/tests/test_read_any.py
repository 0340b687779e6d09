"""Tests of read_any (readers/__init__.py), the way in for every file: empty and oversized files refused, the
default size limit, a binary file renamed .txt refused.
"""

import pytest

from chanye.archive.engine.readers import MAX_BYTES, ReadError, read_any


def test_binary_renamed_txt_is_refused():
    with pytest.raises(ReadError, match="二进制"):
        read_any("报告.txt", bytes(range(256)) * 4)


def test_empty_file_is_refused():
    with pytest.raises(ReadError, match="文件为空（0 字节）"):
        read_any("报告.txt", b"")


def test_oversized_file_is_refused_with_both_sizes():
    with pytest.raises(ReadError, match=r"文件过大：2048 字节（0\.0 MB），上限为 1024 字节"):
        read_any("报告.txt", b"x" * 2048, max_bytes=1024)


def test_default_size_limit():
    assert MAX_BYTES == 50 * 1024 * 1024
    assert read_any("a.txt", b"x" * 100).text == "x" * 100
