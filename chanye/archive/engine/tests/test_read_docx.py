"""Tests of the DOCX reader (readers/docx.py): paragraphs, tables and core properties of a document made
with python-docx, and the files that are no Word document.
"""

import io
import re
import zipfile

import pytest

from chanye.archive.engine.readers import ReadError, read_any, read_docx

from ._readers import make_docx, paragraphs


def test_docx_paragraphs_tables_and_core_properties():
    extracted = read_any("情况.docx", make_docx())
    assert extracted.format == "docx"
    assert paragraphs(extracted) == [
        "大健康生物医药产业情况",
        "一季度，全区生物医药企业实现营业收入9.8亿元，同比增长5.4%。",
        "指标",
        "数值",
        "规上企业",
        "27家",
        "数据来源：区统计局",  # a merged cell once, not once per column it spans
        "下一步将重点支持体外诊断和医疗器械企业扩大产能。",
    ]
    assert extracted.title == "示范区大健康生物医药产业情况"
    assert extracted.author == "区产业办 张华"
    assert extracted.date == "2024-01-23"


def test_docx_author_left_by_windows_is_no_author():
    assert read_docx(make_docx(author="Administrator")).author == ""


def without_core_properties(content: bytes) -> bytes:
    """The same document as some converters write it: no docProps/core.xml, and no relationship to it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(buffer, "w") as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "docProps/core.xml":
                continue
            if member.filename == "_rels/.rels":
                data = re.sub(rb"<Relationship [^>]*core-properties[^>]*/>", b"", data)
            target.writestr(member, data)
    return buffer.getvalue()


def test_docx_without_core_properties_states_none():
    extracted = read_docx(without_core_properties(make_docx()))
    assert (extracted.title, extracted.author, extracted.date) == ("", "", "")  # not python-docx's "Word Document"
    assert "指标" in paragraphs(extracted)


def test_docx_truncated_is_refused():
    content = make_docx()
    with pytest.raises(ReadError, match="损坏"):
        read_any("情况.docx", content[: len(content) // 2])


def test_docx_zip_without_a_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a document")
    with pytest.raises(ReadError, match="扩展名为 .docx，但内容是ZIP 压缩包"):
        read_any("情况.docx", buffer.getvalue())


def test_old_word_document_renamed_docx_is_refused_with_advice():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    with pytest.raises(ReadError, match="旧版 Office 或 WPS 文件.*另存为 .docx"):
        read_any("情况.docx", ole)
    with pytest.raises(ReadError, match="打开密码"):
        read_any("情况.docx", ole + "EncryptionInfo".encode("utf-16-le"))
