"""Plan documents for the demo round: real, readable PDFs, so the demo shows a plan beside the scores."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from beoordelaar.core.files.fonts import BOLD, register_fonts


def plan_pdf(provider: str, sections: list[tuple[str, str]]) -> bytes:
    """A plan van aanpak "normaliseren" of a few pages: a title and one section per criterion."""
    font = register_fonts()
    body = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=15, spaceAfter=8)
    head = ParagraphStyle("head", fontName=BOLD, fontSize=13, leading=17, spaceBefore=10, spaceAfter=6)
    title = ParagraphStyle("title", fontName=BOLD, fontSize=18, leading=22, spaceAfter=4)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2.5 * cm,
        rightMargin=2.5 * cm,
        title=f"Plan van aanpak normaliseren – {provider}",
        author=provider,
        invariant=1,
        initialFontName=font,
    )
    story = [
        Paragraph("Plan van aanpak “normaliseren”", title),
        Paragraph(provider, body),
        Spacer(1, 0.4 * cm),
    ]
    for heading, text in sections:
        story.append(Paragraph(heading, head))
        story.append(Paragraph(text, body))
    document.build(story)
    return buffer.getvalue()
