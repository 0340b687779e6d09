"""Tests of the PDF reader (readers/pdf.py) on the fixtures made by fixtures/make_pdfs.py: the text layer in
paragraphs, the pdfium fallback, a page in two columns, and the files it must refuse.
"""

import pytest

from chanye.archive.engine.readers import ReadError, read_any, read_pdf

from ._readers import fixture, paragraphs

PDF_PARAGRAPHS = [
    "示范区新材料产业发展情况通报",
    "今年一季度，示范区新材料产业实现营业收入18.6亿元，同比增长6.2%，增速高于全区工业平均水平2.1个百分点。"
    "其中，复合材料制品企业贡献了超过四成的增量。",
    "从产业链看，上游原料环节企业9家，中游制造环节企业23家，下游应用和检验检测服务企业14家。"
    "链主企业带动本地配套率提升至37%，较上年同期提高4个百分点。",
    "下一步，示范区将围绕高性能纤维和先进金属材料两条细分链条开展精准招商，重点引进表面处理、精密加工和"
    "回收利用等补链项目，推动产业链向高端延伸。",
    "同时，区产业办将完善企业走访和诉求办理机制，对企业反映的用地、用能和融资问题实行清单管理，确保按期办结。",
]


def test_pdf_text_layer_in_paragraphs():
    extracted = read_any("通报.pdf", fixture("text_zh.pdf"))
    assert extracted.format == "pdf"
    assert extracted.pages == 2
    # Page 1 sets its paragraphs apart by vertical gaps, page 2 only by first-line indents.
    assert paragraphs(extracted) == PDF_PARAGRAPHS
    assert extracted.title == "示范区新材料产业发展情况通报"
    assert (extracted.author, extracted.date) == ("示范区产业办", "2024-04-08")


def test_pdf_font_pdfminer_cannot_decode_is_read_by_pdfium():
    extracted = read_pdf(fixture("text_zh_cff.pdf"))
    assert paragraphs(extracted) == PDF_PARAGRAPHS[:3]


# A page set in two columns under a title across both; a subheading across both cuts it into two bands.
TWO_COLUMN_PARAGRAPHS = [
    "示范区智能制造产业园建设进展",
    "今年以来，示范区智能制造产业园坚持规划引领、项目带动，一期标准厂房已全部建成并交付使用，"
    "入驻企业达到二十六家，其中规模以上工业企业十一家。",
    # From the foot of the left column ("…协议投资总额约二十三亿元，") to the head of the right one.
    "在招商方面，产业园聚焦工业机器人、智能传感器和工业软件三个细分方向，组建专业招商小分队，"
    "上半年共接洽意向企业四十余家，新签约项目九个，协议投资总额约二十三亿元，签约项目开工率达到六成以上。",
    "在服务方面，产业园设立企业服务中心，为入驻企业提供登记注册、人才招聘和融资对接等一站式服务，"
    "并由工作人员定期上门走访，帮助企业协调解决生产经营中遇到的困难。",
    "下一步工作打算",
    "下半年，产业园将加快二期工程建设，力争年底前完成主体结构施工，同步推进配套道路、供水和供电设施建设。",
    # Opens the right column, indented.
    "同时，产业园将支持龙头企业牵头组建技术创新联合体，推动科研院所的成果在园区转化落地。",
]


def test_pdf_two_columns_read_column_by_column():
    # pdfplumber alone makes one line of the two columns' lines at one height: "…坚持规 签约项目开工率…".
    extracted = read_any("进展.pdf", fixture("two_columns_zh.pdf"))
    assert extracted.pages == 1
    assert paragraphs(extracted) == TWO_COLUMN_PARAGRAPHS
    assert extracted.title == "示范区智能制造产业园建设进展"


def test_pdf_with_an_opening_password_is_refused():
    with pytest.raises(ReadError, match="已加密，需要密码"):
        read_any("通报.pdf", fixture("encrypted_user_password.pdf"))


def test_pdf_restricted_by_an_owner_password_only_is_read():
    assert paragraphs(read_pdf(fixture("encrypted_owner_only.pdf"))) == PDF_PARAGRAPHS[:3]


def test_pdf_of_scanned_images_needs_ocr():
    with pytest.raises(ReadError, match="只有图片.*OCR"):
        read_any("扫描件.pdf", fixture("image_only.pdf"))


def test_pdf_truncated_is_refused():
    content = fixture("text_zh.pdf")
    with pytest.raises(ReadError, match="不完整"):
        read_any("通报.pdf", content[: len(content) // 2])


def test_pdf_broken_inside_is_refused():
    content = b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"
    with pytest.raises(ReadError, match="损坏"):
        read_any("通报.pdf", content)


def test_pdf_that_is_not_a_pdf_is_refused():
    with pytest.raises(ReadError, match=r"扩展名为 .pdf，但内容是纯文本"):
        read_any("通报.pdf", "这是一段文字，不是 PDF。".encode())
    with pytest.raises(ReadError, match="没有 %PDF"):
        read_pdf(b"<html></html>")
