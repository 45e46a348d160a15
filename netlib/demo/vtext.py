"""Text in vCard and iCalendar files: escaping and line folding (RFC 6350, RFC 5545)."""

from __future__ import annotations

__all__ = ["escape_text", "fold_line"]


def fold_line(line: str) -> str:
    """RFC 5545/6350 folding: lines over 75 octets continue after CRLF + space."""
    out, cur, size = [], "", 0
    for ch in line:
        n = len(ch.encode())
        if size + n > 75:
            out.append(cur)
            cur, size = " ", 1
        cur += ch
        size += n
    out.append(cur)
    return "\r\n".join(out) + "\r\n"


def escape_text(text: str) -> str:
    """A TEXT value escaped for vCard and iCalendar: backslash, comma, semicolon, newline."""
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")
