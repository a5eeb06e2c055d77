"""The summary of a dossier as PDF (PDF/A-2b, the history's head on every page): first the list of every file in the
dossier in order with its SHA-256, then what those files hold, readable without any tool."""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, Spacer

from beoordelaar.core.files.pdf_kit import CONTENT_WIDTH, Styles, document, text
from beoordelaar.core.record.dossier_summary import DossierSummary

W = CONTENT_WIDTH


def _table(styles: Styles, title: str, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
           empty: str) -> list:  # fmt: skip
    story: list = [Paragraph(text(title), styles.head)]
    if not rows:
        return [*story, Paragraph(text(empty), styles.body)]
    return [*story, styles.ruled_table([tuple(header), *rows], widths)]


def _history(lines: Sequence[str], styles: Styles) -> list:
    """The history one event a line, in blocks of lines (one paragraph each: far faster to lay out than a
    paragraph per line, for a registration with hundreds of events)."""
    return [
        Paragraph("<br/>".join(text(line) for line in lines[i : i + 40]), styles.cell) for i in range(0, len(lines), 40)
    ]


def _opening(styles: Styles, heading: str, details: Sequence[Sequence[str]]) -> list:
    return [
        Paragraph(text(f"Dossier {heading}"), styles.title),
        styles.ruled_table(details, (4.5 * cm, W - 4.5 * cm), header=False),
    ]


def _pdf(story: list, *, title: str, subject: str, head: str) -> bytes:
    buffer = io.BytesIO()
    document(buffer, title=title, author="Beoordelaar", subject=subject, head=head).build(story)
    return buffer.getvalue()


def render_round_overview(
    round_name: str, made_at: str, head: str, details: Sequence[Sequence[str]], files: Sequence[Sequence[str]]
) -> bytes:
    """The overview of a round's dossier: what it holds, and every file in order with its SHA-256."""
    styles = Styles()
    story = [
        *_opening(styles, f"van de ronde {round_name}", [("Opgemaakt op", made_at), *details]),
        Spacer(1, 0.2 * cm),
        Paragraph(
            text(
                "Dit dossier bevat het proces-verbaal, het beoordelingskader zoals toegepast, de ondertekende "
                "controlepunten van de geschiedenis en per inschrijving haar eigen dossier, elk met een eigen "
                "overzicht. SHA256SUMS.txt geeft de SHA-256 van elk bestand (te controleren met 'sha256sum -c "
                "SHA256SUMS.txt')."
            ),
            styles.small,
        ),
        *_table(
            styles,
            "Inhoud van dit dossier",
            ("Bestand", "Wat", "SHA-256"),
            files,
            (5 * cm, 4.3 * cm, W - 9.3 * cm),
            "Geen bestanden.",
        ),
    ]
    return _pdf(story, title=f"Dossier van de ronde {round_name}", subject="Dossier van de ronde", head=head)


def render_summary(summary: DossierSummary) -> bytes:
    """The overview of a registration's dossier: its files in order, then what they hold."""
    styles = Styles()
    details = [("Ronde", summary.round_name), ("Opgemaakt op", summary.made_at),
               ("Geschiedenis bij opmaken", f"laatste hash {summary.head}")]  # fmt: skip
    story: list = [
        *_opening(styles, summary.heading, details),
        Spacer(1, 0.2 * cm),
        Paragraph(
            text(
                "Dit overzicht beschrijft alles in dit dossier, in de volgorde van de procedure. Naast dit overzicht "
                "staan de oorspronkelijke bestanden: de documenten van de inschrijving, de brieven, de verslagen en "
                "uitnodigingen van verificatiegesprekken, en de ondertekende retourbestanden van de beoordelaars. "
                "SHA256SUMS.txt geeft de SHA-256 van elk bestand (ook van dit overzicht), te controleren met "
                "'sha256sum -c SHA256SUMS.txt'; manifest.json zegt hetzelfde voor een programma."
            ),
            styles.small,
        ),
        *_table(
            styles,
            "1. Inhoud van dit dossier",
            ("Bestand", "Wat", "SHA-256"),
            summary.files,
            (5 * cm, 4.3 * cm, W - 9.3 * cm),
            "Geen bestanden.",
        ),
        Paragraph("2. De inschrijving", styles.head),
        styles.ruled_table(summary.details, (4.5 * cm, W - 4.5 * cm), header=False),
        *_table(
            styles,
            "Opgaven van de aanbieder",
            ("Code", "Eis", "Opgave"),
            summary.answers,
            (1.5 * cm, 7 * cm, W - 8.5 * cm),
            "Geen opgaven.",
        ),
        *_table(
            styles,
            "Documenten",
            ("Soort", "Bestand", "SHA-256"),
            summary.documents,
            (3 * cm, 5.5 * cm, W - 8.5 * cm),
            "Geen documenten.",
        ),
        *_table(
            styles,
            "3. Toetsing van uitsluitingsgronden en eisen",
            ("Lid", "Oordeel", "Eisen", "Toelichting"),
            summary.checks,
            (3.6 * cm, 3 * cm, 4 * cm, W - 10.6 * cm),
            "Geen toetsingen.",
        ),
        *_table(
            styles,
            "Elke toetsing met revisie",
            ("Code", "Lid", "Rev.", "Oordeel", "Toelichting", "Wanneer", "Bron"),
            summary.check_revisions,
            (1.3 * cm, 2.8 * cm, 1 * cm, 2.2 * cm, W - 12.2 * cm, 2.9 * cm, 2 * cm),
            "Geen toetsingen.",
        ),
        *_table(
            styles,
            "Vastgestelde eisen",
            ("Code", "Rev.", "Oordeel", "Motivering", "Door, wanneer", "Bron"),
            summary.settled,
            (1.3 * cm, 1 * cm, 2.2 * cm, W - 10.4 * cm, 3.9 * cm, 2 * cm),
            "Nog niets vastgesteld.",
        ),
        *_table(
            styles,
            "4. Individuele scores",
            ("Code", "Beoordelaar", "Rev.", "Score", "Motivering", "Wanneer", "Bron"),
            summary.scores,
            (1.2 * cm, 2.6 * cm, 1 * cm, 1.2 * cm, W - 11 * cm, 2.9 * cm, 2.1 * cm),
            "Geen scores.",
        ),
        *_table(
            styles,
            "5. Consensus",
            ("Code", "Rev.", "Score", "Motivering", "Door, wanneer", "Bron"),
            summary.consensus,
            (1.2 * cm, 1 * cm, 1.2 * cm, W - 9.3 * cm, 3.9 * cm, 2 * cm),
            "Geen consensusscores.",
        ),
        *[Paragraph(text(line), styles.body) for line in summary.meeting],
        Paragraph("6. Verificatiegesprekken", styles.head),
        *(
            [Paragraph(text(line), styles.body) for line in summary.interviews]
            or [Paragraph("Geen verificatiegesprek.", styles.body)]
        ),
        *_table(
            styles,
            "7. Besluiten",
            ("Rev.", "Voorstel", "Besluit", "Stand", "Door, wanneer", "Redenen"),
            summary.decisions,
            (1 * cm, 2 * cm, 2 * cm, 2.2 * cm, 3.6 * cm, W - 10.8 * cm),
            "Nog geen besluit.",
        ),
        *_table(
            styles,
            "8. Brieven",
            ("Brief", "Gemaakt", "Verzending", "Termijn", "Stand"),
            summary.letters,
            (3.4 * cm, 3.6 * cm, W - 12.6 * cm, 2.8 * cm, 2.8 * cm),
            "Nog geen brief.",
        ),
        *_table(
            styles,
            "9. Retourbestanden en handtekeningen",
            ("Bestand", "Van", "Ingelezen", "SHA-256", "Sleutel"),
            summary.returns,
            (3.4 * cm, 3 * cm, 2.8 * cm, W - 12.8 * cm, 3.6 * cm),
            "Geen ondertekende retourbestanden.",
        ),
        Paragraph("10. Geschiedenis", styles.head),
        Paragraph(
            text(
                "Elke wijziging aan deze inschrijving: wanneer, wie en wat; elk veld voor en na staat in "
                "geschiedenis.txt."
            ),
            styles.small,
        ),
        *_history(summary.history, styles),
    ]
    return _pdf(story, title=f"Dossier {summary.heading}", subject=f"Dossier – {summary.round_name}", head=summary.head)
