"""Tests of format detection (readers/detect.py): by the content first and the extension second, and the
files chanye cannot read refused with the reason.
"""

import pytest

from chanye.archive.engine.readers import ReadError, detect_format

from ._readers import make_docx


@pytest.mark.parametrize(
    ("filename", "content", "expected"),
    [
        ("a.html", b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("a.txt", b"<html><body><p>saved as text</p></body></html>", "html"),  # a page is a page
        ("a.php", b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- x --><html></html>", "html"),
        ("a.htm", "纯文字，没有标签。".encode("gb18030"), "text"),
        ("a", "没有扩展名".encode(), "text"),
        ("a.csv", b"name,value\n", "text"),
        ("a.bin", b"%PDF-1.4\n...", "pdf"),
        ("a.PDF", b"\n\n%PDF-1.4\n...", "pdf"),
    ],
)
def test_detect_format_by_content(filename, content, expected):
    assert detect_format(filename, content) == expected


def test_detect_format_docx_by_its_document_part():
    assert detect_format("报告", make_docx()) == "docx"


@pytest.mark.parametrize(
    ("filename", "content", "reason"),
    [
        ("a.txt", b"\x89PNG\r\n\x1a\n" + bytes(100), "扩展名为 .txt，但内容是图片"),
        ("a.pdf", b"\x89PNG\r\n\x1a\n" + bytes(100), "扩展名为 .pdf，但内容是图片.*OCR"),
        ("a.docx", b"%PDF-1.4\n", "扩展名为 .docx，但内容是PDF"),
        ("a.html", b"%PDF-1.4\n", "扩展名为 .html，但内容是PDF"),
        ("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "不支持的文件格式：旧版"),
        ("a.rtf", b"{\\rtf1\\ansi hello}", "不支持的文件格式：RTF"),
        ("a.jpg", b"\xff\xd8\xff\xe0" + bytes(100), "不支持的文件格式：图片"),
    ],
)
def test_detect_format_refuses_what_it_cannot_read(filename, content, reason):
    with pytest.raises(ReadError, match=reason):
        detect_format(filename, content)
