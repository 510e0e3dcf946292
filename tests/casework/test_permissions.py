"""Every role against every permission, allowed and refused, and refusals in plain words."""

from __future__ import annotations

import pytest

from casework import users
from casework.actor import Actor
from casework.errors import PermissionDenied
from casework.permissions import Permission as P
from casework.permissions import Role, allows, require
from casework.workspace import Workspace

# The expected matrix, written out independently of the module under test.
EXPECTED: dict[Role, set[P]] = {
    Role.INTAKE_CLERK: {
        P.VIEW_DOCUMENTS,
        P.VIEW_CASES,
        P.INGEST_DOCUMENTS,
        P.REVIEW_DOCUMENTS,
        P.RETRY_DOCUMENTS,
        P.WORK_CASES,
    },
    Role.UM_COORDINATOR: {
        P.VIEW_DOCUMENTS,
        P.VIEW_CASES,
        P.REVIEW_DOCUMENTS,
        P.WORK_CASES,
        P.GENERATE_LETTERS,
    },
    # Decides requests; the only role that may deny or modify one (H&S Code §1367.01(e)).
    Role.CLINICAL_REVIEWER: {
        P.VIEW_DOCUMENTS,
        P.VIEW_CASES,
        P.WORK_CASES,
        P.GENERATE_LETTERS,
        P.DECIDE_MEDICAL_NECESSITY,
    },
    Role.GRIEVANCE_COORDINATOR: {
        P.VIEW_DOCUMENTS,
        P.VIEW_CASES,
        P.REVIEW_DOCUMENTS,
        P.WORK_CASES,
        P.GENERATE_LETTERS,
    },
    # Arranges trips: mileage, vendors, authorizations, reimbursement; approves, never denies.
    Role.TRANSPORTATION_COORDINATOR: {
        P.VIEW_DOCUMENTS,
        P.VIEW_CASES,
        P.REVIEW_DOCUMENTS,
        P.WORK_CASES,
        P.GENERATE_LETTERS,
        P.ARRANGE_TRIPS,
        P.MANAGE_VENDORS,
    },
    # Refers members to programs, logs every call, keeps CBAS attendance.
    Role.CARE_COORDINATOR: {
        P.VIEW_DOCUMENTS,
        P.VIEW_CASES,
        P.REVIEW_DOCUMENTS,
        P.WORK_CASES,
        P.GENERATE_LETTERS,
        P.MANAGE_REFERRALS,
    },
    Role.SUPERVISOR: {
        P.VIEW_DOCUMENTS,
        P.VIEW_CASES,
        P.VIEW_AUDIT,
        P.EXPORT_AUDIT,
        P.INGEST_DOCUMENTS,
        P.REVIEW_DOCUMENTS,
        P.RETRY_DOCUMENTS,
        P.IMPORT_ROSTERS,
        P.WORK_CASES,
        P.ASSIGN_CASES,
        P.GENERATE_LETTERS,
        P.VIEW_REPORTS,
        P.CHECK_CLOCKS,
        P.ARRANGE_TRIPS,
        P.MANAGE_VENDORS,
        P.MANAGE_REFERRALS,
    },
    Role.ADMIN: {
        P.MANAGE_USERS,
        P.MANAGE_SETTINGS,
        P.VIEW_AUDIT,
        P.EXPORT_AUDIT,
        P.IMPORT_ROSTERS,
        P.MANAGE_VENDORS,
        P.RETRY_DOCUMENTS,
        P.VIEW_REPORTS,
    },
    Role.SYSTEM: {P.INGEST_DOCUMENTS, P.RETRY_DOCUMENTS, P.IMPORT_ROSTERS,
                  P.APPLY_CLOCK_RULES},
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("permission", list(P))
def test_role_permission_matrix(role: Role, permission: P) -> None:
    expected = permission in EXPECTED[role]
    assert allows(role, permission) is expected
    if expected:
        require(role, permission)
    else:
        with pytest.raises(PermissionDenied) as refused:
            require(role, permission, who="pat")
        assert permission.value in str(refused.value)
        assert "pat" in str(refused.value)


def test_service_refuses_a_clerk_adding_users(workspace: Workspace) -> None:
    clerk = Actor("casey", Role.INTAKE_CLERK)
    with pytest.raises(PermissionDenied, match=r"casey .*not allowed to manage users"):
        users.add_user(workspace, clerk, "mallory", "admin", "long enough password")
    assert not users.has_users(workspace)
