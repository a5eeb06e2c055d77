"""The public face of this phase for the GUI and the CLI: its user actions, the plain rows they return and
the rules a screen shows. Nothing else of core.decisions is imported from outside the core."""

from beoordelaar.core.decisions.award_stage import AwardStage, Invited, start_award_stage
from beoordelaar.core.decisions.decisions import (
    OVERRIDE_MIN_LENGTH,
    DecisionRow,
    confirm_all,
    confirm_decision,
    list_decisions,
    override_decision,
    propose_decisions,
)
from beoordelaar.core.decisions.document_settings import (
    effective_templates,
    get_document_settings,
    save_document_settings,
    store_logo,
)
from beoordelaar.core.decisions.document_settings_file import load_settings_file, write_settings_file
from beoordelaar.core.decisions.document_settings_rules import (
    KENMERK_PLACEHOLDERS,
    DocumentSettings,
    settings_problems,
    standstill_problems,
)
from beoordelaar.core.decisions.letter_sending import (
    Channel,
    SendingRow,
    letter_sendings,
    parse_channel,
    record_sending,
)
from beoordelaar.core.decisions.letter_template_files import default_templates
from beoordelaar.core.decisions.letter_templates import (
    LetterTemplate,
    TemplateKey,
    allowed_placeholders,
    template_problems,
)
from beoordelaar.core.decisions.letters import (
    Blocker,
    LettersNotReady,
    LettersResult,
    blockers_for,
    letter_blockers,
    make_letters,
    preview_letter,
)
from beoordelaar.core.decisions.lot_draws import DrawRow, PendingDrawRow, draw_lots, list_draws, pending_draws
from beoordelaar.core.decisions.relative_advantages import (
    AdvantagesRow,
    list_relative_advantages,
    set_relative_advantages,
)
from beoordelaar.core.decisions.score_words import method_score_name
from beoordelaar.core.decisions.standstill import TENDER_MINIMUM_DAYS, StandstillPeriod, standstill_period

__all__ = [
    "KENMERK_PLACEHOLDERS",
    "OVERRIDE_MIN_LENGTH",
    "TENDER_MINIMUM_DAYS",
    "AdvantagesRow",
    "AwardStage",
    "Blocker",
    "Channel",
    "DecisionRow",
    "DocumentSettings",
    "DrawRow",
    "Invited",
    "LetterTemplate",
    "LettersNotReady",
    "LettersResult",
    "PendingDrawRow",
    "SendingRow",
    "StandstillPeriod",
    "TemplateKey",
    "allowed_placeholders",
    "blockers_for",
    "confirm_all",
    "confirm_decision",
    "default_templates",
    "draw_lots",
    "effective_templates",
    "get_document_settings",
    "letter_blockers",
    "letter_sendings",
    "list_decisions",
    "list_draws",
    "list_relative_advantages",
    "load_settings_file",
    "make_letters",
    "method_score_name",
    "override_decision",
    "parse_channel",
    "pending_draws",
    "preview_letter",
    "propose_decisions",
    "record_sending",
    "save_document_settings",
    "set_relative_advantages",
    "settings_problems",
    "standstill_period",
    "standstill_problems",
    "start_award_stage",
    "store_logo",
    "template_problems",
    "write_settings_file",
]
