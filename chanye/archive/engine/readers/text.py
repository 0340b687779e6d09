"""Reading text files: decoded (UTF-8 with or without a BOM, GB18030, Notepad's UTF-16), line ends made
Unix ones, and paragraphs found by whichever convention the file follows: blank lines, first-line indents,
or one line a paragraph. A file with blank lines keeps its line breaks and its runs of blank lines, since a
wide gap says something (a picture stood there, and the line after it is its caption).
"""

from .common import Extracted, ReadError, decode_text, join_paragraphs, strip_lines


def _is_indented(line: str) -> bool:
    return line[:1].isspace()  # includes the full-width space U+3000 of Chinese first-line indents


def text_paragraphs(text: str) -> str:
    """Plain text with its paragraphs separated by blank lines, by whichever convention the file follows.

    A file with blank lines is kept as read: its line breaks, and its runs of blank lines, since a wide
    gap says something (a picture stood there, and the line after it is its caption). Without blank
    lines: when some lines are indented and some not, an indented line opens a paragraph (Chinese text
    wrapped by hand, two full-width spaces before each paragraph); otherwise one line is one paragraph,
    the way Notepad users write.
    """
    stripped = strip_lines(text)
    if "\n\n" in stripped:
        return stripped
    lines = [line.rstrip() for line in text.split("\n") if line.strip()]
    indented = [_is_indented(line) for line in lines]
    if not any(indented) or all(indented):
        return join_paragraphs(lines)
    blocks: list[list[str]] = []
    for line, opens in zip(lines, indented, strict=True):
        if opens or not blocks:
            blocks.append([])
        blocks[-1].append(line)
    return join_paragraphs("\n".join(block) for block in blocks)


def read_text(content: bytes) -> Extracted:
    text, encoding = decode_text(content)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    body = text_paragraphs(text)
    if not body:
        raise ReadError("文本文件中没有文字")
    return Extracted(text=body, format="text", encoding=encoding)
