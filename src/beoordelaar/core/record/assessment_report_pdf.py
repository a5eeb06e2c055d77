"""The assessment report (proces-verbaal) as PDF: everything a court or an auditor needs to follow the assessment of
a round, from the commission and the timeline to every registration's verdicts, scores, motivations and decision."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Paragraph, Spacer

from beoordelaar.core.files.pdf_kit import CONTENT_WIDTH, Deferred, StreamedTable, Styles, document, text
from beoordelaar.core.record.report_sections import FrameworkApplied
from beoordelaar.core.text import and_list


@dataclass(frozen=True)
class PlanLine:
    code: str
    title: str
    individual: tuple[tuple[str, str, str], ...]  # assessor, score (with label), motivation
    consensus: str  # score with label, or "—"
    motivation: str
    minimum: str


@dataclass(frozen=True)
class RegistrationSection:
    heading: str
    details: tuple[tuple[str, str], ...]
    requirements: tuple[tuple[str, str, str, str, str], ...]  # code, title, declared, verdict, motivation
    plan: tuple[PlanLine, ...]
    interviews: tuple[str, ...]
    decision: str
    reasons: tuple[str, ...]
    checks: tuple[tuple[str, str, str, str], ...] = field(default=())  # member, verdict, codes, note
    meeting: tuple[str, ...] = field(default=())  # opened, attendees and summary
    settled: tuple[tuple[str, str, str, str], ...] = field(default=())  # code, individual range, set, revisions
    letters: tuple[tuple[str, ...], ...] = field(default=())  # version, made, sent, standstill, state


@dataclass(frozen=True)
class AssessmentReport:
    round_name: str
    procedure: str
    framework: str
    framework_digest: str
    made_on: str
    made_by: str
    commission: tuple[tuple[str, str, str, str, str], ...]  # name, role, organisation, confidentiality, conflicts
    conflicts: tuple[tuple[str, str, str, str], ...]  # assessor, registration, reason, declared at
    timeline: tuple[tuple[str, str, str], ...]  # when, who, what
    agreement: tuple[tuple[str, str, str, str], ...]  # criterion, alpha ordinal, alpha interval, reading
    deviation: tuple[tuple[str, str], ...]
    registrations: Iterable[RegistrationSection]  # read as the layout reaches them (a report's _Sections)
    audit_head: str
    audit_events: int
    counts: tuple[tuple[str, str], ...] = field(default=())
    keys: tuple[tuple[str, str, str], ...] = field(default=())  # assessor, fingerprint, confirmed (when, by whom)
    # Per merged return file: file, assessor and revision, merged at, its SHA-256, the laptop's signature.
    returns: tuple[tuple[str, str, str, str, str], ...] = field(default=())
    round_key: str = ""  # the fingerprint of the round's key that signed the work packages
    # A selection: its maximum and tie-break in words, and per draw: lot, when, who drew, witnesses, order drawn.
    selection: str = ""
    draws: tuple[tuple[str, str, str, str, str], ...] = field(default=())
    # A tender or SAS: per lot with a chosen bid, the chosen bids, the commission's summary of their characteristics
    # and relative advantages (art. 2.130 Aw 2012), and which version of it, by whom and when.
    advantages: tuple[tuple[str, str, str, str], ...] = field(default=())
    facts: tuple[tuple[str, ...], ...] = field(default=())  # the procedure's facts: label, value
    facts_note: str = ""
    applied: FrameworkApplied | None = None
    assignments: tuple[tuple[str, ...], ...] = field(default=())  # member, assigned, when, hand-ins
    openings: tuple[tuple[str, ...], ...] = field(default=())  # registration, opened, hand-ins before, verdict
    approvals: tuple[str, ...] = field(default=())
    checkpoints: tuple[tuple[str, ...], ...] = field(default=())  # milestone, when, events: head, key, holds


def write(report: AssessmentReport, target: io.BytesIO | str) -> None:
    """The proces-verbaal as PDF into a buffer or a file (a file is written straight from the layout, the PDF never
    also held as bytes), in the order a reader follows the procedure: its facts, the framework as applied, the
    commission, the assignments and hand-ins, the opening of each consensus discussion, each registration (scores,
    checks, the meeting, interviews, decision, letters), agreement, the timeline, the history and its checkpoints,
    and the commission's approval."""
    styles = Styles()
    w = CONTENT_WIDTH
    story: list = [
        Paragraph("Proces-verbaal van de beoordeling", styles.title),
        styles.ruled_table(
            [
                ("Ronde", report.round_name),
                ("Procedure", report.procedure),
                ("Beoordelingskader", report.framework),
                ("Kader (SHA-256)", report.framework_digest),
                ("Opgemaakt op", report.made_on),
                ("Opgemaakt door", report.made_by),
                *report.counts,
                ("Geschiedenis bij opmaken", f"{report.audit_events} gebeurtenissen, laatste hash {report.audit_head}"),
            ],
            (4.5 * cm, w - 4.5 * cm),
            header=False,
        ),
        Paragraph("1. De procedure", styles.head),
        styles.ruled_table(report.facts, (5.5 * cm, w - 5.5 * cm), header=False)
        if report.facts
        else Paragraph("Geen feiten vastgelegd.", styles.body),
        Paragraph(text(report.facts_note), styles.small),
        *_framework(report.applied, styles),
        Paragraph("3. Beoordelingscommissie", styles.head),
        styles.ruled_table(
            [("Naam", "Rol", "Organisatie", "Geheimhouding", "Belangen verklaard"), *report.commission],
            (3.6 * cm, 2.4 * cm, 3 * cm, 3.6 * cm, w - 12.6 * cm),
        ),
        Spacer(1, 0.3 * cm),
        Paragraph("Gemelde belangenverstrengeling", styles.head2),
    ]
    if report.conflicts:
        story.append(
            styles.ruled_table(
                [("Commissielid", "Inschrijving", "Reden", "Gemeld"), *report.conflicts],
                (4 * cm, 3 * cm, w - 11 * cm, 4 * cm),
            )
        )
        story.append(
            Paragraph("Een commissielid met een gemeld belang heeft die inschrijving niet beoordeeld.", styles.small)
        )
    else:
        declared = [c[0] for c in report.commission if not c[4].startswith("NIET")]
        undeclared = [c[0] for c in report.commission if c[4].startswith("NIET")]
        said = "Er is geen belangenverstrengeling gemeld."
        if declared:
            said += f" Verklaarden geen belangenverstrengeling te hebben: {and_list(declared)}."
        if undeclared:
            said += f" Nog geen verklaring over belangenverstrengeling: {and_list(undeclared)}."
        story.append(Paragraph(text(said), styles.body))
    story += [
        Paragraph("4. Toewijzing en inlevering", styles.head),
        styles.ruled_table(
            [("Beoordelaar", "Toegewezen", "Toegewezen op", "Ingeleverd"), *report.assignments],
            (3.4 * cm, 5 * cm, 3.4 * cm, w - 11.8 * cm),
        )
        if report.assignments
        else Paragraph("Er is niemand iets toegewezen.", styles.body),
        Paragraph("5. Opening van de consensusbespreking", styles.head),
        Paragraph(
            text(
                "Een beoordelaar ziet de scores van de anderen pas als de voorzitter de consensusbespreking van die "
                "inschrijving opent. Per inschrijving: wanneer die geopend is, en de inleveringen van haar "
                "beoordelaars daarvoor."
            ),
            styles.small,
        ),
        StreamedTable(
            styles,
            ("Inschrijving", "Geopend", "Ingeleverd daarvoor", "Oordeel"),
            report.openings,
            (2.6 * cm, 3.4 * cm, w - 10 * cm, 4 * cm),
        )
        if report.openings
        else Paragraph("Geen inschrijvingen.", styles.body),
        PageBreak(),
        Paragraph("6. Beoordeling per inschrijving", styles.head),
    ]
    story.append(Deferred(_registration(section, styles) for section in report.registrations))
    story += [
        Paragraph("7. Overeenstemming tussen de beoordelaars", styles.head),
        Paragraph(
            text(
                "Krippendorffs alfa per criterium over de individuele scores (1 is volledige overeenstemming, 0 niet "
                "beter dan toeval). Een lage waarde betekent niet dat een score onjuist is: de consensusbespreking "
                "stelt de score vast."
            ),
            styles.small,
        ),
        styles.ruled_table(
            [("Criterium", "Alfa (ordinaal)", "Alfa (interval)", "Oordeel"), *report.agreement],
            (5 * cm, 3.5 * cm, 3.5 * cm, 4 * cm),
        ),
        Spacer(1, 0.3 * cm),
        styles.ruled_table(
            [("Beoordelaar", "Gemiddelde afwijking van de consensus"), *report.deviation], (6 * cm, 7 * cm)
        ),
        *_selection(report, styles),
        *_advantages(report, styles),
        Paragraph("8. Verloop", styles.head),
        StreamedTable(styles, ("Wanneer", "Wie", "Wat"), report.timeline, (3.8 * cm, 3.8 * cm, w - 7.6 * cm))
        if report.timeline
        else Paragraph("Geen gebeurtenissen vastgelegd.", styles.body),
        PageBreak(),
        Paragraph("9. Vastlegging", styles.head),
        Paragraph(
            text(
                f"Elke wijziging in deze ronde is vastgelegd in een controleerbare geschiedenis van "
                f"{report.audit_events} gebeurtenissen, waarin elke gebeurtenis de hash van de vorige draagt. "
                "De laatste hash op het moment van opmaken is hieronder afgedrukt: een latere wijziging van de "
                "geschiedenis is daarmee tegen dit papier te controleren ('beoordelaar audit verify')."
            ),
            styles.body,
        ),
        styles.ruled_table([("Laatste hash", report.audit_head)], (3.5 * cm, w - 3.5 * cm), header=False),
        *_checkpoints(report, styles),
        *_signed_returns(report, styles),
        Paragraph("10. Goedkeuring door de commissie", styles.head),
        *(
            [Paragraph(text(line), styles.body) for line in report.approvals]
            or [
                Paragraph(
                    text(
                        "Dit proces-verbaal is nog niet door de commissie goedgekeurd. De voorzitter legt de "
                        "goedkeuring vast met wie goedkeurden (Documenten › Goedkeuring vastleggen…, of "
                        "'beoordelaar report-approve')."
                    ),
                    styles.body,
                )
            ]
        ),
    ]
    document(
        target,
        title=f"Proces-verbaal – {report.round_name}",
        author=report.made_by,
        subject="Proces-verbaal",
        head=report.audit_head,
    ).build(story)


def render(report: AssessmentReport) -> bytes:
    """The proces-verbaal as PDF bytes."""
    buffer = io.BytesIO()
    write(report, buffer)
    return buffer.getvalue()


def _framework(applied: FrameworkApplied | None, styles: Styles) -> list:
    """The framework's content as the round applied it."""
    w = CONTENT_WIDTH
    story: list = [Paragraph("2. Het beoordelingskader zoals toegepast", styles.head)]
    if applied is None:
        return story
    if applied.description:
        story.append(Paragraph(text(applied.description), styles.body))
    story.append(styles.ruled_table(applied.settings, (5.5 * cm, w - 5.5 * cm), header=False))
    if applied.exclusions:
        story += [
            Paragraph("Uitsluitingsgronden", styles.head2),
            styles.ruled_table(
                [("Code", "Grond", "Voldoet bij", "Gronden en grondslag", "Bewijs"), *applied.exclusions],
                (1.5 * cm, 4 * cm, 2.6 * cm, w - 12.1 * cm, 4 * cm),
            ),
        ]
    if applied.requirements:
        story += [
            Paragraph("Geschiktheidseisen", styles.head2),
            styles.ruled_table(
                [("Code", "Eis", "Antwoord", "Voldoet bij", "Bewijs"), *applied.requirements],
                (1.5 * cm, 4.2 * cm, 2.3 * cm, w - 12 * cm, 4 * cm),
            ),
        ]
    if applied.plan:
        story += [
            Paragraph("Plan van aanpak: criteria, wegingen en minima", styles.head2),
            styles.ruled_table(
                [("Code", "Criterium", "Weging", "Minimum", "Schaal"), *applied.plan],
                (1.5 * cm, w - 8.7 * cm, 2 * cm, 2.2 * cm, 3 * cm),
            ),
        ]
    for name, steps in applied.scales:
        story.append(
            KeepTogether(
                [
                    Paragraph(text(name), styles.cell_bold),
                    styles.ruled_table([("Score", "Stap", "Betekenis"), *steps], (1.6 * cm, 3 * cm, w - 4.6 * cm)),
                    Spacer(1, 0.2 * cm),
                ]
            )
        )
    return story


def _registration(section: RegistrationSection, styles: Styles) -> list:
    """One registration: details, requirements and each member's check, every individual score and motivation with
    the commission's, the consensus meeting, the interviews, the decision with its reasons, and the letters."""
    w = CONTENT_WIDTH
    story: list = [
        CondPageBreak(6 * cm),
        Paragraph(text(section.heading), styles.head2),
        styles.ruled_table(section.details, (4 * cm, w - 4 * cm), header=False),
        Spacer(1, 0.2 * cm),
    ]
    if section.requirements:
        story += [
            styles.ruled_table(
                [("Code", "Eis", "Opgave", "Vastgesteld", "Motivering"), *section.requirements],
                (1.5 * cm, 4.2 * cm, 2.6 * cm, 2.8 * cm, w - 11.1 * cm),
            ),
            Spacer(1, 0.2 * cm),
        ]
    if section.checks:
        story += [
            Paragraph("Toetsing door de leden", styles.cell_bold),
            styles.ruled_table(
                [("Lid", "Oordeel", "Eisen", "Toelichting"), *section.checks], (3.6 * cm, 3 * cm, 4 * cm, w - 10.6 * cm)
            ),
            Spacer(1, 0.2 * cm),
        ]
    for line in section.plan:
        rows = [("Beoordelaar", "Score", "Motivering"), *line.individual]
        rows.append(("Consensus", line.consensus, line.motivation))
        story.append(
            KeepTogether(
                [
                    Paragraph(text(f"{line.code} – {line.title} (minimum {line.minimum})"), styles.cell_bold),
                    styles.ruled_table(rows, (3.6 * cm, 3.3 * cm, w - 6.9 * cm)),
                    Spacer(1, 0.2 * cm),
                ]
            )
        )
    if section.meeting:
        story.append(Paragraph("Consensusbespreking", styles.cell_bold))
        story += [Paragraph(text(line), styles.body) for line in section.meeting]
    if section.settled:
        story += [
            styles.ruled_table(
                [("Criterium", "Individueel", "Vastgesteld", "Revisies (bron, door, wanneer)"), *section.settled],
                (2.2 * cm, 2.6 * cm, 2.6 * cm, w - 7.4 * cm),
            ),
            Spacer(1, 0.2 * cm),
        ]
    if section.interviews:
        story.append(Paragraph("Verificatiegesprekken", styles.cell_bold))
        story += [Paragraph(text(interview), styles.body) for interview in section.interviews]
    story.append(Paragraph(text(f"Besluit: {section.decision}"), styles.cell_bold))
    story += [Paragraph(text(f"• {reason}"), styles.body) for reason in section.reasons]
    if section.letters:
        story += [
            Paragraph("Brieven", styles.cell_bold),
            styles.ruled_table(
                [("Brief", "Gemaakt", "Verzending", "Termijn", "Stand"), *section.letters],
                (3.4 * cm, 3.6 * cm, w - 12.6 * cm, 2.8 * cm, 2.8 * cm),
            ),
        ]
    else:
        story.append(Paragraph("Nog geen brief gemaakt.", styles.body))
    story.append(Spacer(1, 0.4 * cm))
    return story


def _checkpoints(report: AssessmentReport, styles: Styles) -> list:
    """The signed checkpoints of the history at the round's milestones, each as it holds now."""
    w = CONTENT_WIDTH
    story: list = [
        Paragraph("Ondertekende controlepunten", styles.head2),
        Paragraph(
            text(
                "Bij elke mijlpaal (werk ingeleverd of ingelezen, consolidatie afgerond, brieven gemaakt, dit "
                "proces-verbaal goedgekeurd) legt Beoordelaar het aantal gebeurtenissen en de laatste hash vast, "
                "ondertekend met de sleutel van de ronde (waarvan elke laptop de publieke helft vastlegde), in de "
                "database en in de map ernaast. Wie de geschiedenis in de database herschrijft, ook helemaal en "
                "kloppend, valt daarop door de mand ('beoordelaar audit verify')."
            ),
            styles.small,
        ),
    ]
    if not report.checkpoints:
        return [*story, Paragraph("Er zijn nog geen controlepunten.", styles.body)]
    return [
        *story,
        styles.ruled_table(
            [("Mijlpaal", "Wanneer", "Gebeurtenissen: hash", "Sleutel; bewaard", "Klopt"), *report.checkpoints],
            (3 * cm, 3 * cm, w - 12.4 * cm, 3.8 * cm, 2.6 * cm),
        ),
    ]


def _selection(report: AssessmentReport, styles: Styles) -> list:
    """A selection's announced maximum and tie-break, and every draw held to break a tie on its boundary."""
    if not report.selection:
        return []
    w = CONTENT_WIDTH
    story: list = [Paragraph("Selectie en loting", styles.head), Paragraph(text(report.selection), styles.body)]
    if report.draws:
        story.append(
            styles.ruled_table(
                [("Perceel", "Wanneer", "Getrokken door", "Getuigen", "Getrokken volgorde"), *report.draws],
                (1.8 * cm, 3.2 * cm, 3.6 * cm, 3.6 * cm, w - 12.2 * cm),
            )
        )
    else:
        story.append(Paragraph("Er is niet geloot: geen gelijke stand op de grens van het maximum.", styles.body))
    return story


def _advantages(report: AssessmentReport, styles: Styles) -> list:
    """The commission's summary per lot of the chosen bids' characteristics and relative advantages, as the award and
    rejection letters quote it."""
    if not report.advantages:
        return []
    w = CONTENT_WIDTH
    return [
        Paragraph("Kenmerken en relatieve voordelen van de gekozen inschrijvingen", styles.head),
        Paragraph(
            text(
                "Per perceel de samenvatting die de commissie schreef en die de brieven aanhalen (art. 2.130 "
                "Aanbestedingswet 2012), zonder vertrouwelijke gegevens van inschrijvers."
            ),
            styles.small,
        ),
        styles.ruled_table(
            [("Perceel", "Gekozen", "Samenvatting van de commissie", "Vastgelegd"), *report.advantages],
            (3 * cm, 3.6 * cm, w - 10.2 * cm, 3.6 * cm),
        ),
    ]


def _signed_returns(report: AssessmentReport, styles: Styles) -> list:
    """The keys of the assessors' laptops and the signature of every merged return file: with these, an auditor
    checks each return file offline ('beoordelaar audit returns')."""
    w = CONTENT_WIDTH
    story: list = [
        Paragraph("Retourbestanden en handtekeningen", styles.head2),
        Paragraph(
            text(
                "Elk retourbestand is op de laptop van de beoordelaar ondertekend met een sleutel die alleen die "
                "laptop heeft (Ed25519). De voorzitter heeft de vingerafdruk van elke sleutel bevestigd met de "
                "beoordelaar zelf; daarna is alleen werk aangenomen dat met die sleutel is ondertekend. De "
                "beoordelaars controleren hier hun eigen vingerafdruk. Met de sleutel, de handtekening en het "
                "dossier controleert iedereen zonder geheim dat de ingelezen scores zijn wat de beoordelaar "
                "ondertekende ('beoordelaar audit returns --dossier DOSSIER')."
            ),
            styles.small,
        ),
    ]
    if report.round_key:
        story.append(
            Paragraph(
                text(
                    f"De werkpakketten zijn ondertekend met de sleutel van deze ronde, vingerafdruk {report.round_key}"
                    "; elke laptop toont de vingerafdruk van de sleutel waarmee zijn werkpakketten zijn ondertekend."
                ),
                styles.body,
            )
        )
    if not report.returns:
        return [*story, Paragraph("Er zijn geen retourbestanden ingelezen.", styles.body)]
    story += [
        styles.ruled_table([("Beoordelaar", "Vingerafdruk", "Bevestigd"), *report.keys], (5 * cm, 5 * cm, w - 10 * cm)),
        Spacer(1, 0.3 * cm),
        styles.ruled_table(
            [
                ("Bestand", "Van", "Ingelezen", "SHA-256 en handtekening"),
                *((file, who, when, f"{digest} {signature}") for file, who, when, digest, signature in report.returns),
            ],
            (4 * cm, 3.6 * cm, 2.8 * cm, w - 10.4 * cm),
        ),
    ]
    return story
