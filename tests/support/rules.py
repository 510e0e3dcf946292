"""The bundled rules, read once for the tests that hand them to forms and cases directly."""

from __future__ import annotations

from casework.plan.rulebook import Rulebook, load_rulebook

BUNDLED_RULES: Rulebook = load_rulebook()
