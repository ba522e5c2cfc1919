"""Barnhälsoteam (Jämtlands län): the guideline as data, teams, meetings, the consent per
guardian, the identification rule, special situations, transfer rule, yearly follow-up.

Pure: no Qt, SQL or reportlab (tests/test_layers.py). See docs/barnhalsoteam.md.
"""

from oro_desktop.core.barnhalsoteam._bounds import new_uid, normalise_uid
from oro_desktop.core.barnhalsoteam._reader import BhtGuidelineError
from oro_desktop.core.barnhalsoteam.consent import BhtConsent, from_form, renewal_period
from oro_desktop.core.barnhalsoteam.discussion import (
    DEIDENTIFIED_OFFER, ChildDiscussion, DeidentifiedDiscussion, IdentificationCheck,
    IdentificationRefused, IdentifiedDiscussion, check_identification,
)
from oro_desktop.core.barnhalsoteam.followup import (
    FollowUpAnswers, FollowUpNumbers, FollowUpReport, follow_up_report, yearly_numbers,
)
from oro_desktop.core.barnhalsoteam.guardians import (
    WAITING_FOR_OTHER, GuardianConsentStatus, GuardianSignature, guardian_status,
)
from oro_desktop.core.barnhalsoteam.guideline import BhtGuideline
from oro_desktop.core.barnhalsoteam.loader import (
    is_bht_document, load_bht_guideline, parse_bht_guideline,
)
from oro_desktop.core.barnhalsoteam.model import (
    DECISION, INITIATE_SIP, Attendee, Decision, FollowUp, Meeting, Member, Team, Topic,
    refuse_identity_numbers,
)
from oro_desktop.core.barnhalsoteam.no_identity import find_identity_number
from oro_desktop.core.barnhalsoteam.special import Circumstances, Notice, marking, notices
from oro_desktop.core.barnhalsoteam.transfer_rule import Verdict, may_export

__all__ = [
    "DECISION", "DEIDENTIFIED_OFFER", "INITIATE_SIP", "WAITING_FOR_OTHER", "Attendee",
    "BhtConsent", "BhtGuideline", "BhtGuidelineError", "ChildDiscussion", "Circumstances",
    "Decision", "DeidentifiedDiscussion", "FollowUp", "FollowUpAnswers", "FollowUpNumbers",
    "FollowUpReport", "GuardianConsentStatus", "GuardianSignature", "IdentificationCheck",
    "IdentificationRefused", "IdentifiedDiscussion", "Meeting", "Member", "Notice", "Team",
    "Topic", "Verdict", "check_identification", "follow_up_report", "from_form",
    "guardian_status", "is_bht_document", "load_bht_guideline", "marking", "may_export",
    "find_identity_number", "new_uid", "normalise_uid", "notices", "parse_bht_guideline",
    "refuse_identity_numbers", "renewal_period", "yearly_numbers",
]
