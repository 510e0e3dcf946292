"""Case status workflows: the steps each type of case goes through, and the moves refused.

Each case type has a main path of statuses. A move goes to the next status on the path;
statuses a priority does not need (an exempt grievance is resolved on the phone with no
acknowledgment) or that are optional (asking for more information) may be passed over.
A few moves leave the path: a request can go back to waiting for information, and an open
grievance, appeal, request or hearing can be withdrawn and then closed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from casework.errors import InvalidValue, UserError
from casework.plan.case_types import CASE_TYPE_LABELS, PRIORITIES, capitalized, with_article


class IllegalMove(UserError):
    """A status change the case's workflow does not allow; the message says what comes first."""


@dataclass(frozen=True)
class StatusWords:
    """How a sentence says a status: 'that is {state}', 'cannot be {move}', 'before {first}'."""

    state: str
    move: str
    first: str


WORDS: dict[str, StatusWords] = {
    "received": StatusWords("received", "received", "it is received"),
    "acknowledged": StatusWords("acknowledged", "acknowledged", "it is acknowledged"),
    "pending_information": StatusWords("waiting for information", "put on hold for information",
                                       "information is requested"),
    "in_review": StatusWords("in review", "put in review", "it is reviewed"),
    "decided": StatusWords("decided", "decided", "it is decided"),
    "notified": StatusWords("notified to the member", "marked as notified",
                            "the member is notified"),
    "resolved": StatusWords("resolved", "resolved", "it is resolved"),
    "preparing": StatusWords("in preparation", "put in preparation", "preparation starts"),
    "submitted": StatusWords("submitted", "marked as submitted",
                             "the position statement is submitted"),
    "hearing_held": StatusWords("heard", "marked as heard", "the hearing is held"),
    "withdrawn": StatusWords("withdrawn", "withdrawn", "it is withdrawn"),
    "closed": StatusWords("closed", "closed", "it is closed"),
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


_WITHDRAW = ("withdrawn",)

WORKFLOWS: dict[str, Workflow] = {
    "grievance": Workflow(
        "grievance", ("received", "acknowledged", "in_review", "resolved", "closed"),
        skipped_by={"expedited": frozenset({"acknowledged"}),
                    "exempt": frozenset({"acknowledged", "in_review"})},
        side_moves={"received": _WITHDRAW, "acknowledged": _WITHDRAW, "in_review": _WITHDRAW,
                    "withdrawn": ("closed",)},
    ),
    "appeal": Workflow(
        "appeal", ("received", "acknowledged", "in_review", "resolved", "closed"),
        skipped_by={"expedited": frozenset({"acknowledged"})},
        side_moves={"received": _WITHDRAW, "acknowledged": _WITHDRAW, "in_review": _WITHDRAW,
                    "withdrawn": ("closed",)},
        outcomes={"resolved": ("upheld", "overturned")},
    ),
    "sfh": Workflow(
        "sfh", ("received", "preparing", "submitted", "hearing_held", "closed"),
        side_moves={"received": _WITHDRAW, "preparing": _WITHDRAW, "submitted": _WITHDRAW,
                    "withdrawn": ("closed",)},
    ),
    "care_coordination": Workflow("care_coordination", ("received", "in_review", "closed")),
    "intake_review": Workflow(
        "intake_review", ("received", "in_review", "closed"),
        outcomes={"closed": ("case_opened", "returned_to_sender", "duplicate",
                             "not_actionable")},
    ),
}
for _type in ("prior_auth", "nemt"):
    WORKFLOWS[_type] = Workflow(
        _type, ("received", "pending_information", "in_review", "decided", "notified", "closed"),
        optional=frozenset({"pending_information"}),
        side_moves={"received": _WITHDRAW, "pending_information": ("in_review", "withdrawn"),
                    "in_review": ("pending_information", "withdrawn"), "withdrawn": ("closed",)},
        outcomes={"decided": ("approved", "denied", "modified")},
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
    return flow is not None and "pending_information" in flow.statuses


def allowed_moves(case_type: str, status: str, priority: str = "standard") -> tuple[str, ...]:
    """The statuses a case may move to from `status` (for the buttons a screen offers)."""
    flow = workflow(case_type)
    _check_known(flow, status, priority)
    return flow.moves_from(status, priority)


def check_move(
    case_type: str, current: str, target: str, *, priority: str = "standard",
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
    if choices and outcome not in choices:
        raise InvalidValue(
            f"{capitalized(with_article(flow.label))} that is {WORDS[target].move} needs its "
            f"outcome: {_either(choices)}."
        )
    if not choices and outcome is not None:
        raise InvalidValue(f"Moving {with_article(flow.label)} to "
                           f"{WORDS[target].state} records no outcome.")


def _refusal(flow: Workflow, current: str, target: str, priority: str) -> str:
    """Why a move is refused, naming the step that must come first when there is one."""
    subject = f"{capitalized(with_article(flow.label))} that is {WORDS[current].state}"
    if current == target:
        return f"This {flow.label} is already {WORDS[current].state}."
    if current == "closed":
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
