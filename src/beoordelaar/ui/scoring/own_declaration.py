"""On an assessor's laptop: her confidentiality declaration and declared conflicts of interest, as the chair
recorded them and the work package brought them."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QLabel

from beoordelaar.core.exchange.api import OwnDeclaration
from beoordelaar.core.text import long_date
from beoordelaar.ui.scoring.scoring_screen import banner


def declaration_text(own: OwnDeclaration) -> str:
    """What the laptop shows, in Dutch (rich text)."""
    if own.confidentiality_declared_at is None:
        signed = "De voorzitter heeft <b>geen</b> getekende geheimhoudingsverklaring van u vastgelegd."
    else:
        signed = (
            f"Geheimhoudingsverklaring getekend op <b>{long_date(own.confidentiality_declared_at.date())}</b>, "
            "zoals de voorzitter die heeft vastgelegd."
        )
    if not own.conflicts:
        conflicts = "U hebt geen belangenverstrengeling gemeld."
    else:
        items = "".join(
            f"<li>{html.escape(c.label)}" + (f" – {html.escape(c.reason)}" if c.reason else "") + "</li>"
            for c in own.conflicts
        )
        noun = "deze inschrijving" if len(own.conflicts) == 1 else "deze inschrijvingen"
        conflicts = (
            f"U hebt belangenverstrengeling gemeld bij {noun}; die beoordeelt u niet:"
            f"<ul style='margin-top: 2px; margin-bottom: 0px;'>{items}</ul>"
        )
    key = ""
    if own.key_fingerprint:
        key = (
            f"<br>Vingerafdruk van de sleutel van deze laptop: <b style='white-space:nowrap'>{own.key_fingerprint}</b> "
            "(lees die voor aan de voorzitter als die erom vraagt)."
        )
        if own.chair_fingerprint:
            key += (
                " Werkpakketten zijn ondertekend door de voorzitter met sleutel "
                f"<span style='white-space:nowrap'>{own.chair_fingerprint}</span>."
            )
    return f"{signed}<br>{conflicts}{key}"


def declaration_banner() -> QLabel:
    """A quiet banner for the declaration; hidden until there is one to show (never at the chair)."""
    label = banner("", colour="#f3f3f3", border="#b8b8b8")
    label.setObjectName("declaration-banner")
    label.setVisible(False)
    return label


def show_declaration(label: QLabel, own: OwnDeclaration | None) -> None:
    label.setVisible(own is not None)
    label.setText(declaration_text(own) if own is not None else "")
