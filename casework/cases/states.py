"""Case status workflows: the steps each type of case goes through, and the moves refused.

Each case type has a main path of statuses. A move goes to the next status on the path;
statuses a priority does not need (an exempt grievance is resolved on the phone with no
acknowledgment) or that are optional (asking for more information) may be passed over.
A few moves leave the path: a request can go back to waiting for information, and an open
grievance, appeal, request or hearing can be withdrawn and then closed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from casework.cases.statuses import CaseStatus, Outcome
from casework.errors import InvalidValue, UserError
from casework.plan.case_types import (
    CASE_TYPE_LABELS,
    PRIORITIES,
    CaseType,
    Priority,
    capitalized,
    with_article,
)


class IllegalMove(UserError):
    """A status change the case's workflow does not allow; the message says what comes first."""


@dataclass(frozen=True)
class StatusWords:
    """How a sentence says a status: 'that is {state}', 'cannot be {move}', 'before {first}'."""

    state: str
    move: str
    first: str


WORDS: dict[str, StatusWords] = {
    CaseStatus.RECEIVED: StatusWords("received", "received", "it is received"),
    CaseStatus.ACKNOWLEDGED: StatusWords("acknowledged", "acknowledged", "it is acknowledged"),
    CaseStatus.PENDING_INFORMATION: StatusWords("waiting for information",
                                                "put on hold for information",
                                                "information is requested"),
    CaseStatus.IN_REVIEW: StatusWords("in review", "put in review", "it is reviewed"),
    CaseStatus.DECIDED: StatusWords("decided", "decided", "it is decided"),
    CaseStatus.NOTIFIED: StatusWords("notified to the member", "marked as notified",
                                     "the member is notified"),
    CaseStatus.RESOLVED: StatusWords("resolved", "resolved", "it is resolved"),
    CaseStatus.PREPARING: StatusWords("in preparation", "put in preparation", "preparation starts"),
    CaseStatus.SUBMITTED: StatusWords("submitted", "marked as submitted",
                                      "the position statement is submitted"),
    CaseStatus.HEARING_HELD: StatusWords("heard", "marked as heard", "the hearing is held"),
    CaseStatus.WITHDRAWN: StatusWords("withdrawn", "withdrawn", "it is withdrawn"),
    CaseStatus.CLOSED: StatusWords("closed", "closed", "it is closed"),
}


@dataclass(frozen=True)
class Workflow:
    """The statuses of one case type and the moves between them."""

    case_type: str
    path: tuple[str, ...]
    optional: frozenset[str] = frozenset()
    skipped_by: dict[str, frozenset[str]] = field(default_factory=dict)
    side_moves: dict[str, tuple[str, ...]] = field(default_factory=dict)
    outcomes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Outcomes a status may record but does not need (closing a referral as unreachable).
    optional_outcomes: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return CASE_TYPE_LABELS[self.case_type]

    @property
    def statuses(self) -> tuple[str, ...]:
        """Every status, main path first."""
        extra = {s for targets in self.side_moves.values() for s in targets} - set(self.path)
        return self.path + tuple(sorted(extra))

    def needed(self, status: str, priority: str) -> bool:
        """Whether a case of this priority must pass through `status`."""
        return status not in self.optional and status not in self.skipped_by.get(
            priority, frozenset())

    def moves_from(self, status: str, priority: str) -> tuple[str, ...]:
        """The statuses a case in `status` may move to next."""
        moves: list[str] = []
        if status in self.path:
            for later in self.path[self.path.index(status) + 1:]:
                moves.append(later)
                if self.needed(later, priority):
                    break
        moves.extend(s for s in self.side_moves.get(status, ()) if s not in moves)
        return tuple(moves)


_WITHDRAW = (CaseStatus.WITHDRAWN,)
_THEN_CLOSE = (CaseStatus.CLOSED,)

WORKFLOWS: dict[str, Workflow] = {
    CaseType.GRIEVANCE: Workflow(
        CaseType.GRIEVANCE,
        (CaseStatus.RECEIVED, CaseStatus.ACKNOWLEDGED, CaseStatus.IN_REVIEW, CaseStatus.RESOLVED,
         CaseStatus.CLOSED),
        skipped_by={Priority.EXPEDITED: frozenset({CaseStatus.ACKNOWLEDGED}),
                    Priority.EXEMPT: frozenset({CaseStatus.ACKNOWLEDGED, CaseStatus.IN_REVIEW})},
        side_moves={CaseStatus.RECEIVED: _WITHDRAW, CaseStatus.ACKNOWLEDGED: _WITHDRAW,
                    CaseStatus.IN_REVIEW: _WITHDRAW, CaseStatus.WITHDRAWN: _THEN_CLOSE},
    ),
    CaseType.APPEAL: Workflow(
        CaseType.APPEAL,
        (CaseStatus.RECEIVED, CaseStatus.ACKNOWLEDGED, CaseStatus.IN_REVIEW, CaseStatus.RESOLVED,
         CaseStatus.CLOSED),
        skipped_by={Priority.EXPEDITED: frozenset({CaseStatus.ACKNOWLEDGED})},
        side_moves={CaseStatus.RECEIVED: _WITHDRAW, CaseStatus.ACKNOWLEDGED: _WITHDRAW,
                    CaseStatus.IN_REVIEW: _WITHDRAW, CaseStatus.WITHDRAWN: _THEN_CLOSE},
        outcomes={CaseStatus.RESOLVED: (Outcome.UPHELD, Outcome.OVERTURNED)},
    ),
    CaseType.SFH: Workflow(
        CaseType.SFH,
        (CaseStatus.RECEIVED, CaseStatus.PREPARING, CaseStatus.SUBMITTED, CaseStatus.HEARING_HELD,
         CaseStatus.CLOSED),
        side_moves={CaseStatus.RECEIVED: _WITHDRAW, CaseStatus.PREPARING: _WITHDRAW,
                    CaseStatus.SUBMITTED: _WITHDRAW, CaseStatus.WITHDRAWN: _THEN_CLOSE},
    ),
    CaseType.CARE_COORDINATION: Workflow(
        CaseType.CARE_COORDINATION, (CaseStatus.RECEIVED, CaseStatus.IN_REVIEW, CaseStatus.CLOSED),
        optional_outcomes={CaseStatus.CLOSED: (Outcome.COMPLETED, Outcome.DECLINED,
                                               Outcome.UNREACHABLE)}),
    CaseType.INTAKE_REVIEW: Workflow(
        CaseType.INTAKE_REVIEW, (CaseStatus.RECEIVED, CaseStatus.IN_REVIEW, CaseStatus.CLOSED),
        outcomes={CaseStatus.CLOSED: (Outcome.CASE_OPENED, Outcome.RETURNED_TO_SENDER,
                                      Outcome.DUPLICATE, Outcome.NOT_ACTIONABLE)},
    ),
}
for _type in (CaseType.PRIOR_AUTH, CaseType.NEMT):
    WORKFLOWS[_type] = Workflow(
        _type,
        (CaseStatus.RECEIVED, CaseStatus.PENDING_INFORMATION, CaseStatus.IN_REVIEW,
         CaseStatus.DECIDED, CaseStatus.NOTIFIED, CaseStatus.CLOSED),
        optional=frozenset({CaseStatus.PENDING_INFORMATION}),
        side_moves={CaseStatus.RECEIVED: _WITHDRAW,
                    CaseStatus.PENDING_INFORMATION: (CaseStatus.IN_REVIEW, CaseStatus.WITHDRAWN),
                    CaseStatus.IN_REVIEW: (CaseStatus.PENDING_INFORMATION, CaseStatus.WITHDRAWN),
                    CaseStatus.WITHDRAWN: _THEN_CLOSE},
        outcomes={CaseStatus.DECIDED: (Outcome.APPROVED, Outcome.DENIED, Outcome.MODIFIED)},
    )


def workflow(case_type: str) -> Workflow:
    """The workflow of a case type."""
    try:
        return WORKFLOWS[case_type]
    except KeyError:
        raise InvalidValue(f"There is no case type {case_type!r}.") from None


def asks_providers(case_type: str) -> bool:
    """Whether a case of this type may wait for information from the provider (a request's
    workflow has that step), so staff may fax the provider a request for what is missing."""
    flow = WORKFLOWS.get(case_type)
    return flow is not None and CaseStatus.PENDING_INFORMATION in flow.statuses


def allowed_moves(
    case_type: str, status: str, priority: str = Priority.STANDARD
) -> tuple[str, ...]:
    """The statuses a case may move to from `status` (for the buttons a screen offers)."""
    flow = workflow(case_type)
    _check_known(flow, status, priority)
    return flow.moves_from(status, priority)


def check_move(
    case_type: str, current: str, target: str, *, priority: str = Priority.STANDARD,
    outcome: str | None = None,
) -> None:
    """Refuse, in words, a status change the workflow does not allow.

    A status that records an outcome (a decision: approved, denied or modified) needs one.
    """
    flow = workflow(case_type)
    _check_known(flow, current, priority)
    _check_known(flow, target, priority)
    if target not in flow.moves_from(current, priority):
        raise IllegalMove(_refusal(flow, current, target, priority))
    choices = flow.outcomes.get(target, ())
    optional = flow.optional_outcomes.get(target, ())
    if optional and outcome is not None and outcome not in optional:
        raise InvalidValue(f"{capitalized(with_article(flow.label))} that is "
                           f"{WORDS[target].move} may record {_either(optional)}, not "
                           f"{outcome!r}.")
    if choices and outcome not in choices:
        raise InvalidValue(
            f"{capitalized(with_article(flow.label))} that is {WORDS[target].move} needs its "
            f"outcome: {_either(choices)}."
        )
    if not choices and not optional and outcome is not None:
        raise InvalidValue(f"Moving {with_article(flow.label)} to "
                           f"{WORDS[target].state} records no outcome.")


def _refusal(flow: Workflow, current: str, target: str, priority: str) -> str:
    """Why a move is refused, naming the step that must come first when there is one."""
    subject = f"{capitalized(with_article(flow.label))} that is {WORDS[current].state}"
    if current == target:
        return f"This {flow.label} is already {WORDS[current].state}."
    if current == CaseStatus.CLOSED:
        return f"{subject} cannot be changed."
    path = flow.path
    if current in path and target in path and path.index(target) > path.index(current):
        between = path[path.index(current) + 1:path.index(target)]
        first = next(s for s in between if flow.needed(s, priority))
        return f"{subject} cannot be {WORDS[target].move} before {WORDS[first].first}."
    if current in path and target in path:
        return f"{subject} cannot go back to being {WORDS[target].state}."
    return f"{subject} cannot be {WORDS[target].move}."


def _check_known(flow: Workflow, status: str, priority: str) -> None:
    if priority not in PRIORITIES:
        raise InvalidValue(f"There is no priority {priority!r}.")
    if status not in flow.statuses:
        raise InvalidValue(f"{capitalized(with_article(flow.label))} has no status {status!r}; "
                           f"its statuses are {', '.join(flow.statuses)}.")


def _either(choices: tuple[str, ...]) -> str:
    return ", ".join(choices[:-1]) + f" or {choices[-1]}" if len(choices) > 1 else choices[0]
