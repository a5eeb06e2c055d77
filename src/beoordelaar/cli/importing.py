"""import: registrations from a platform export or spreadsheet (xlsx, xls, csv)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from beoordelaar.cli.base import EXIT_OK, EXIT_REFUSED, add_json, database, progress_lines

if TYPE_CHECKING:
    from beoordelaar.core.registrations.api import ImportResult, LoadedExport


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="inschrijvingen inlezen uit een export (xlsx, xls, csv)",
        description="Leest inschrijvingen uit een export van TenderNed, Negometrix of een eigen spreadsheet. "
        "Zonder --alleen-goede-rijen wordt niets ingelezen zolang een rij een fout heeft.",
    )
    parser.add_argument("round", metavar="ROUND", help="de ronde (id of naam)")
    parser.add_argument("file", metavar="FILE", type=Path, help="de export")
    parser.add_argument("--documents", type=Path, default=None, metavar="DIR", help="de map met de plannen")
    parser.add_argument(
        "--mapping",
        type=Path,
        default=None,
        metavar="FILE",
        help="een opgeslagen kolomindeling (JSON, zie README) in plaats van de herkende of onthouden",
    )
    parser.add_argument(
        "--save-mapping",
        type=Path,
        default=None,
        metavar="FILE",
        help="de gebruikte kolomindeling opslaan om bij een volgende export met --mapping te gebruiken",
    )
    parser.add_argument("--dry-run", action="store_true", help="alleen laten zien wat er zou gebeuren")
    parser.add_argument(
        "--alleen-goede-rijen",
        action="store_true",
        help="rijen zonder fouten inlezen en rijen met fouten overslaan",
    )
    add_json(parser)
    parser.set_defaults(handler=import_command)


def import_command(args: argparse.Namespace) -> int:
    from beoordelaar.core.registrations.api import apply_import, load_export, preview_import, save_mapping
    from beoordelaar.core.rounds.api import resolve_round

    with database(args) as db:
        round_id = resolve_round(db.sessions, args.round)
        export = load_export(
            db.sessions, round_id, args.file, progress=progress_lines("Rijen gelezen"), mapping_file=args.mapping
        )
        if args.save_mapping is not None:
            save_mapping(args.save_mapping, export)
        checked = progress_lines("Inschrijvingen nagelopen")
        if args.dry_run:
            result = preview_import(
                db.sessions,
                round_id,
                export,
                documents_dir=args.documents,
                only_valid_rows=args.alleen_goede_rijen,
                progress=checked,
            )
        else:
            result = apply_import(
                db,
                round_id,
                export,
                actor=args.actor,
                documents_dir=args.documents,
                only_valid_rows=args.alleen_goede_rijen,
                progress=checked,
            )
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        print(_text(result, args.dry_run, export))
    return EXIT_REFUSED if result.refused else EXIT_OK


def _text(result: ImportResult, dry_run: bool, export: LoadedExport) -> str:
    from beoordelaar.core.registrations.api import RowOutcome
    from beoordelaar.core.text import count_text

    lines = []
    if export.long is not None:
        lines.append(f"{result.source}: gelezen als {export.shape_text}.")
    for finding in result.findings:
        where = f"rij {finding.row}" if finding.row is not None else "bestand"
        column = f", kolom '{finding.column}'" if finding.column else ""
        value = f" [{finding.value[:60]}]" if finding.value else ""
        lines.append(f"{finding.severity.label}: {result.source}, {where}{column}{value}: {finding.message}")
    counts = (
        f"{result.count(RowOutcome.CREATED)} nieuw, {result.count(RowOutcome.UPDATED)} bijgewerkt, "
        f"{result.count(RowOutcome.UNCHANGED)} ongewijzigd, {result.count(RowOutcome.SKIPPED)} overgeslagen; "
        f"{count_text(len(result.errors), 'fout', 'fouten')}, "
        f"{count_text(len(result.warnings), 'waarschuwing', 'waarschuwingen')}."
    )
    if result.refused:
        lines.append(
            f"Import geweigerd: {count_text(len(result.errors), 'fout', 'fouten')}. Er is niets ingelezen. "
            "Herstel de export, of lees alleen de rijen zonder fouten in met --alleen-goede-rijen."
        )
    elif dry_run:
        lines.append(f"Proefdraai (er is niets veranderd): {counts}")
    else:
        lines.append(f"Ingelezen: {counts}")
    if export.mapping_file is not None:
        lines.append(f"De kolomindeling uit {export.mapping_file} is gebruikt.")
    elif export.remembered:
        lines.append("De kolomindeling van een eerdere import van dezelfde vorm is gebruikt.")
    return "\n".join(lines)
