"""The invitation to a dialogue table, as PDF in the house style (DejaVu embedded, byte-identical for equal input)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, Spacer

from beoordelaar.core.files.pdf_kit import Styles, document, text
from beoordelaar.core.verification.interview_pdf import Sender  # the same sender block as an interview's letters


@dataclass(frozen=True)
class DialogueInvitation:
    procurement: str
    title: str
    provider: str
    kvk: str
    date: str  # written out in Dutch
    criteria: str  # the announced objective selection criteria
    reason: str  # why this provider was selected, by those criteria
    meeting: str  # when and where
    seats: int


def invitation_pdf(invitation: DialogueInvitation, sender: Sender) -> bytes:
    styles = Styles()
    subject = f"Uitnodiging dialoogtafel – {invitation.title}"
    buffer = io.BytesIO()
    story = [
        Paragraph(f"<b>{text(sender.organisation)}</b><br/>{text(sender.address)}", styles.small),
        Spacer(1, 1.2 * cm),
        Paragraph(f"{text(invitation.provider)}<br/>KvK {text(invitation.kvk)}", styles.body),
        Spacer(1, 0.8 * cm),
        Paragraph(text(f"{invitation.date}"), styles.small),
        Paragraph(text(subject), styles.title),
        Paragraph("Geachte heer, mevrouw,", styles.body),
        Paragraph(
            text(
                f"U bent toegelaten in de inkoopprocedure {invitation.procurement}. Voor de dialoogtafel "
                f"'{invitation.title}' kiest de regio ten hoogste {invitation.seats} toegelaten aanbieders, op de "
                "vooraf aangekondigde objectieve criteria. U bent gekozen, en wij nodigen u uit om deel te nemen."
            ),
            styles.body,
        ),
        Paragraph("De aangekondigde criteria", styles.head2),
        Paragraph(text(invitation.criteria), styles.body),
        Paragraph("Waarom u bent gekozen", styles.head2),
        Paragraph(text(invitation.reason), styles.body),
        Paragraph("Wanneer en waar", styles.head2),
        Paragraph(text(invitation.meeting or "volgt in een afzonderlijk bericht"), styles.body),
        Paragraph(
            text(
                "De dialoogtafel is een overleg over de uitvoering en ontwikkeling van de zorg. Het is geen "
                "onderhandeling over uw overeenkomst, en wat besproken wordt, verandert uw toelating niet."
            ),
            styles.body,
        ),
        Spacer(1, 0.3 * cm),
        Paragraph("Met vriendelijke groet,", styles.body),
        Spacer(1, 0.6 * cm),
        Paragraph(
            f"<b>{text(sender.signatory)}</b><br/>{text(sender.function)}<br/>{text(sender.organisation)}", styles.body
        ),
    ]
    doc = document(buffer, title=subject, author=sender.organisation or "Beoordelaar", subject=subject)
    doc.build(story)
    return buffer.getvalue()
