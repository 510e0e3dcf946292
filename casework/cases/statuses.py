"""A case's statuses and outcomes, as case code has always imported them.

They are named once, in `casework.plan.case_statuses`, beside the case types and priorities:
the rule files name statuses too (which letter kinds fit a case in which status), and the rule
loader, at the bottom layer, checks those names.
"""

from casework.plan.case_statuses import CaseStatus, Outcome

__all__ = ["CaseStatus", "Outcome"]
