"""Guidance through a region's collaboration guideline: data model, loader, engine.

Guidelines and legal references are data (resources/guidelines, resources/legal); the
engine is a pure function of a guideline, a situation, the legal references and the
contact directory. No Qt, no SQL.
"""

from oro_desktop.core.guidance.disclosure import DisclosureCheck, DisclosureParty, check_disclosure
from oro_desktop.core.guidance.engine import guide, validity
from oro_desktop.core.guidance.errors import GuidelineError, SituationError
from oro_desktop.core.guidance.legal import load_references, parse_references
from oro_desktop.core.guidance.loader import load_guideline, load_guidelines, parse_guideline
from oro_desktop.core.guidance.model import Answer, Guideline, LegalReference, Rule, Step
from oro_desktop.core.guidance.output import guideline_summary, to_data
from oro_desktop.core.guidance.report import render_text
from oro_desktop.core.guidance.result import Guidance
from oro_desktop.core.guidance.situation import Situation, parse_situation
from oro_desktop.core.guidance.warnings import WARNINGS, GuidanceWarning

__all__ = [
    "Answer", "DisclosureCheck", "DisclosureParty", "Guidance",
    "GuidanceWarning", "Guideline", "GuidelineError", "LegalReference", "Rule", "Situation",
    "SituationError", "Step", "WARNINGS", "check_disclosure", "guide", "guideline_summary",
    "load_guideline", "load_guidelines", "load_references", "parse_guideline",
    "parse_references", "parse_situation", "render_text", "to_data", "validity",
]
