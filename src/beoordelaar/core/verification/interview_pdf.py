"""The two documents of a verification interview, as PDF in the round's house style: the invitation to the
provider, and the report (verslag) for the provider to confirm. DejaVu embedded, byte-identical for equal input."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from beoordelaar.core.files.fonts import register_fonts
from beoordelaar.core.files.pdf_kit import Styles, document, text


@dataclass(frozen=True)
class Sender:
    organisation: str
    address: str
    signatory: str
    function: str


@dataclass(frozen=True)
class InterviewPoint:
    code: str
    title: str
    reason: str
    question: str = ""
    answer: str = ""
    only_clarifies: bool | None = None
    documents: str = ""
    outcome: str = ""
    motivation: str = ""


@dataclass(frozen=True)
class InterviewDocument:
    round_name: str
    provider: str
    provider_address: tuple[str, ...]
    registration: str
    kenmerk: str
    date: str  # the letter's date, written out in Dutch
    when: str  # date and time of the interview, written out
    location: str
    attendees: tuple[tuple[str, str, str], ...]  # name, role, side label
    points: tuple[InterviewPoint, ...]
    held: str = ""
    approved: str = ""


_p = text


def _head(doc: InterviewDocument, sender: Sender, styles: Styles, subject: str) -> list:
    sender_block = Paragraph(f"<b>{_p(sender.organisation)}</b><br/>{_p(sender.address)}", styles.small)
    address = Paragraph("<br/>".join(_p(line) for line in (doc.provider, *doc.provider_address)), styles.body)
    reference = Table(
        [
            [Paragraph("Datum", styles.small), Paragraph(_p(doc.date), styles.cell)],
            [Paragraph("Kenmerk", styles.small), Paragraph(_p(doc.kenmerk), styles.cell)],
            [Paragraph("Onderwerp", styles.small), Paragraph(_p(subject), styles.cell_bold)],
        ],
        colWidths=(3 * cm, 12.5 * cm),
        hAlign="LEFT",
    )
    reference.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), register_fonts()),  # a table's own default font is Helvetica
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [sender_block, Spacer(1, 1.6 * cm), address, Spacer(1, 1.4 * cm), reference, Spacer(1, 0.8 * cm)]


def _table(rows: Sequence[Sequence[str]], widths: Sequence[float], styles: Styles, header: bool = True) -> Table:
    return styles.ruled_table(rows, widths, header)


def invitation_pdf(doc: InterviewDocument, sender: Sender) -> bytes:
    styles = Styles()
    subject = f"Uitnodiging verificatiegesprek – {doc.round_name}"
    buffer = io.BytesIO()
    story = _head(doc, sender, styles, subject)
    story += [
        Paragraph("Geachte heer, mevrouw,", styles.body),
        Paragraph(
            _p(
                f"Uw inschrijving {doc.registration} voor {doc.round_name} is door de beoordelingscommissie "
                "beoordeeld. Op de hieronder genoemde punten heeft de commissie nog twijfel of uw inschrijving aan de "
                "eisen voldoet. Wij nodigen u uit voor een verificatiegesprek om deze punten te verduidelijken."
            ),
            styles.body,
        ),
        Paragraph(
            _p(
                "Het gesprek dient alleen ter verduidelijking van uw inschrijving zoals die is ingediend. U kunt uw "
                "inschrijving in het gesprek niet wijzigen of aanvullen; nieuwe informatie kan de commissie niet "
                "gebruiken. Alle inschrijvers met vergelijkbare twijfelpunten krijgen dezelfde gelegenheid."
            ),
            styles.body,
        ),
        _table(
            [("Datum en tijd", doc.when), ("Plaats", doc.location or "volgt")],
            (4 * cm, 11.5 * cm),
            styles,
            header=False,
        ),
        Spacer(1, 0.4 * cm),
        Paragraph("Te bespreken punten", styles.head),
        _table(
            [("Code", "Eis of criterium", "Waarom verduidelijking nodig is")]
            + [(p.code, p.title, p.reason) for p in doc.points],
            (1.6 * cm, 5.4 * cm, 8.5 * cm),
            styles,
        ),
        Spacer(1, 0.4 * cm),
        Paragraph("Aanwezig namens de regio", styles.head),
        _table(
            [("Naam", "Rol")] + [(n, r) for n, r, side in doc.attendees if side == "Regio"], (7 * cm, 8.5 * cm), styles
        ),
        Spacer(1, 0.4 * cm),
        Paragraph(
            _p(
                "Wilt u vóór het gesprek laten weten wie er namens uw organisatie aanwezig zijn, met hun functie? "
                "Neem bij verhindering zo snel mogelijk contact op via het kenmerk van deze brief."
            ),
            styles.body,
        ),
        Spacer(1, 0.3 * cm),
        Paragraph("Met vriendelijke groet,", styles.body),
        Spacer(1, 0.8 * cm),
        Paragraph(
            f"<b>{_p(sender.signatory)}</b><br/>{_p(sender.function)}<br/>{_p(sender.organisation)}", styles.body
        ),
    ]
    document(buffer, title=subject, author=sender.organisation, subject=f"Verificatiegesprek {doc.registration}").build(
        story
    )
    return buffer.getvalue()


def report_pdf(doc: InterviewDocument, sender: Sender) -> bytes:
    styles = Styles()
    subject = f"Verslag verificatiegesprek – {doc.provider}"
    buffer = io.BytesIO()
    story = [
        Paragraph(_p(sender.organisation), styles.small),
        Spacer(1, 0.3 * cm),
        Paragraph("Verslag verificatiegesprek", styles.title),
        _table(
            [
                ("Aanbesteding", doc.round_name),
                ("Inschrijver", f"{doc.provider} (inschrijving {doc.registration})"),
                ("Datum en tijd", doc.held or doc.when),
                ("Plaats", doc.location),
                ("Kenmerk", doc.kenmerk),
            ],
            (4 * cm, 11.5 * cm),
            styles,
            header=False,
        ),
        Spacer(1, 0.4 * cm),
        Paragraph("Aanwezigen", styles.head),
        _table([("Naam", "Rol", "Namens"), *doc.attendees], (6 * cm, 6 * cm, 3.5 * cm), styles),
        Spacer(1, 0.4 * cm),
        Paragraph("Besproken punten", styles.head),
    ]
    for point in doc.points:
        clarifies = {True: "ja", False: "nee – het antwoord vult de inschrijving aan en wordt niet gebruikt",
                     None: "niet vastgelegd"}[point.only_clarifies]  # fmt: skip
        story.append(
            KeepTogether(
                [
                    Paragraph(_p(f"{point.code} – {point.title}"), styles.cell_bold),
                    _table(
                        [
                            ("Twijfelpunt", point.reason),
                            ("Vraag", point.question),
                            ("Antwoord", point.answer),
                            ("Alleen verduidelijking", clarifies),
                            ("Documenten", point.documents or "geen"),
                            ("Uitkomst", point.outcome),
                            ("Motivering", point.motivation),
                        ],
                        (4 * cm, 11.5 * cm),
                        styles,
                        header=False,
                    ),
                    Spacer(1, 0.3 * cm),
                ]
            )
        )
    story += [
        Paragraph(_p(doc.approved or "Dit verslag is nog niet goedgekeurd door de commissie."), styles.body),
        Paragraph(
            _p(
                "Wij vragen u dit verslag te controleren en binnen vijf werkdagen te bevestigen dat het uw antwoorden "
                "juist weergeeft. Het verslag maakt deel uit van het dossier van de beoordeling."
            ),
            styles.body,
        ),
        Spacer(1, 0.6 * cm),
        _table(
            [
                ("Voor akkoord namens de inschrijver", "Voor akkoord namens de regio"),
                ("Naam:\n\nHandtekening:\n\n\nDatum:", f"{sender.signatory}\n{sender.function}\n\n\nDatum:"),
            ],
            (7.75 * cm, 7.75 * cm),
            styles,
        ),
    ]
    document(
        buffer, title=subject, author=sender.organisation, subject=f"Verslag verificatiegesprek {doc.registration}"
    ).build(story)
    return buffer.getvalue()
