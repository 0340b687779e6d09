"""Tests of the text reader (readers/text.py): files from Chinese Windows and Notepad, paragraphs by each
convention, the seed articles; and of decoding (decode_text in readers/common.py, which the text reader
uses first): binary content refused.
"""

import pytest

from chanye.archive.engine.readers import ReadError, read_any, read_text
from chanye.archive.engine.readers.common import decode_text
from chanye.archive.engine.readers.text import text_paragraphs
from chanye.conftest import seed_files

from ._readers import fixture, paragraphs


def test_text_gb18030_from_chinese_windows():
    extracted = read_any("通知.txt", fixture("notice_gb18030.txt"))
    assert extracted.format == "text"
    assert extracted.encoding == "gb18030"
    assert "联系人：王䶮，电话：023-00000000。" in paragraphs(extracted)  # 䶮 is in GB18030, not in GBK
    # One line, one paragraph: the Notepad way of writing, with Windows line ends.
    assert paragraphs(extracted)[:2] == ["关于报送一季度经营数据的通知", "各有关企业："]
    assert "\r" not in extracted.text


def test_text_utf8_with_bom():
    extracted = read_any("进展.txt", fixture("notice_utf8_bom.txt"))
    assert extracted.encoding == "utf-8"
    assert not extracted.text.startswith("\ufeff")
    assert paragraphs(extracted) == [
        "示范区重点项目推进情况",
        "截至3月底，全区纳入调度的重点项目共42个，\n一季度完成投资21.3亿元。",
        "其中，新材料产业项目11个，完成投资6.8亿元。",
    ]


def test_text_utf16_from_notepad_unicode():
    extracted = read_text("示范区\r\n产业办".encode("utf-16"))
    assert (extracted.text, extracted.encoding) == ("示范区\n\n产业办", "utf-16")


def test_text_indented_paragraphs_without_blank_lines():
    text = "\u3000\u3000第一段开头，\n第一段接续。\n\u3000\u3000第二段。"
    assert text_paragraphs(text) == "第一段开头，\n第一段接续。\n\n第二段。"


def test_text_with_blank_lines_keeps_its_wide_gaps():
    # Three blank lines where a picture stood: the caption after them must still stand alone.
    text = "\u3000\u3000作为全球第四大、\n\n\n\n文化休闲旅游产业\n\n\u3000\u3000正文。  \n\n"
    assert text_paragraphs(text) == "作为全球第四大、\n\n\n\n文化休闲旅游产业\n\n正文。"


def test_text_of_only_white_space_is_refused():
    with pytest.raises(ReadError, match="没有文字"):
        read_text(" \r\n\u3000\r\n".encode("utf-8"))


def test_seed_articles_read_as_text():
    for seed in seed_files():
        extracted = read_any(seed.name, seed.read_bytes())
        assert extracted.format == "text"
        assert extracted.encoding == "utf-8"
        assert "大渡口" in extracted.text
        assert len(paragraphs(extracted)) > 5
        # As read: every line of the file is there, only its indents and trailing spaces gone.
        original = [line.strip() for line in seed.read_text(encoding="utf-8").splitlines()]
        assert extracted.text.split("\n") == "\n".join(original).strip("\n").split("\n")


# --- Decoding ---------------------------------------------------------------------------------------


def test_decode_text_prefers_utf8():
    assert decode_text("产业集群".encode()) == ("产业集群", "utf-8")
    assert decode_text("产业集群".encode("gb18030")) == ("产业集群", "gb18030")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"PK\x00\x00" + bytes(range(256)), "空字节"),
        (bytes(range(1, 32)) * 20, "不是可读字符"),
        (b"\x80\xff\x80\xff" * 10, "无法识别文本编码"),
    ],
)
def test_decode_text_refuses_binary(content, reason):
    with pytest.raises(ReadError, match=reason):
        decode_text(content)
