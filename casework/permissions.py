"""The one table of who may do what. Every service checks it through `require`."""

from __future__ import annotations

from enum import StrEnum

from casework.errors import PermissionDenied


class Role(StrEnum):
    INTAKE_CLERK = "intake_clerk"
    UM_COORDINATOR = "um_coordinator"
    # A physician, or a pharmacist for drugs: the only role that may deny or modify a request
    # for medical necessity (Knox-Keene Act, H&S Code §1367.01(e)).
    CLINICAL_REVIEWER = "clinical_reviewer"
    GRIEVANCE_COORDINATOR = "grievance_coordinator"
    # Arranges NEMT and NMT trips: mileage, vendors, authorizations, mileage reimbursement.
    TRANSPORTATION_COORDINATOR = "transportation_coordinator"
    # Works referrals to programs (ECM, Community Supports, CBAS, classes, WIC, SNAP-Ed): calls
    # members, arranges interpreters, enrols them, keeps CBAS attendance, reports outcomes.
    CARE_COORDINATOR = "care_coordinator"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    SYSTEM = "system"  # unattended intake (watch, ingest); never a person's login


class Permission(StrEnum):
    MANAGE_USERS = "manage users"
    MANAGE_SETTINGS = "change settings"
    VIEW_AUDIT = "view the audit trail"
    EXPORT_AUDIT = "export the audit trail"
    INGEST_DOCUMENTS = "take in documents"
    VIEW_DOCUMENTS = "view documents"
    REVIEW_DOCUMENTS = "review and correct documents"
    RETRY_DOCUMENTS = "retry rejected documents"
    IMPORT_ROSTERS = "import member and provider rosters"
    VIEW_CASES = "view cases"
    WORK_CASES = "work cases"
    ASSIGN_CASES = "assign and reassign cases"
    GENERATE_LETTERS = "generate letters"
    VIEW_REPORTS = "view reports"
    CHECK_CLOCKS = "check case clocks against the rules"
    # The program applying a clock rule at its deadline (an exempt grievance not resolved in
    # time becomes standard); no person decides it, so no person's role carries it.
    APPLY_CLOCK_RULES = "apply the clock rules to open cases"
    DECIDE_MEDICAL_NECESSITY = "deny or modify a request for medical necessity"
    MANAGE_VENDORS = "add, change and deactivate transportation vendors"
    ARRANGE_TRIPS = "arrange trips, pick vendors and route mileage reimbursement"
    MANAGE_REFERRALS = "refer members to programs, enrol them and record their attendance"


_STAFF_BASE = frozenset({Permission.VIEW_DOCUMENTS, Permission.VIEW_CASES})

PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.INTAKE_CLERK: _STAFF_BASE
    | {
        Permission.INGEST_DOCUMENTS,
        Permission.REVIEW_DOCUMENTS,
        Permission.RETRY_DOCUMENTS,
        Permission.WORK_CASES,
    },
    Role.UM_COORDINATOR: _STAFF_BASE
    | {Permission.REVIEW_DOCUMENTS, Permission.WORK_CASES, Permission.GENERATE_LETTERS},
    # A reviewer decides and may draft the notice that gives the clinical reasons; a person
    # with any other role, a supervisor included, may not make that decision.
    Role.CLINICAL_REVIEWER: _STAFF_BASE
    | {Permission.WORK_CASES, Permission.GENERATE_LETTERS, Permission.DECIDE_MEDICAL_NECESSITY},
    Role.GRIEVANCE_COORDINATOR: _STAFF_BASE
    | {Permission.REVIEW_DOCUMENTS, Permission.WORK_CASES, Permission.GENERATE_LETTERS},
    Role.TRANSPORTATION_COORDINATOR: _STAFF_BASE
    | {Permission.REVIEW_DOCUMENTS, Permission.WORK_CASES, Permission.GENERATE_LETTERS,
       Permission.ARRANGE_TRIPS, Permission.MANAGE_VENDORS},
    Role.CARE_COORDINATOR: _STAFF_BASE
    | {Permission.REVIEW_DOCUMENTS, Permission.WORK_CASES, Permission.GENERATE_LETTERS,
       Permission.MANAGE_REFERRALS},
    Role.SUPERVISOR: _STAFF_BASE
    | {
        Permission.VIEW_AUDIT,
        Permission.EXPORT_AUDIT,
        Permission.INGEST_DOCUMENTS,
        Permission.REVIEW_DOCUMENTS,
        Permission.RETRY_DOCUMENTS,
        Permission.IMPORT_ROSTERS,
        Permission.WORK_CASES,
        Permission.ASSIGN_CASES,
        Permission.GENERATE_LETTERS,
        Permission.VIEW_REPORTS,
        Permission.CHECK_CLOCKS,
        Permission.ARRANGE_TRIPS,
        Permission.MANAGE_VENDORS,
        Permission.MANAGE_REFERRALS,
    },
    # The administrator runs the system; reading members' cases is not part of that job.
    Role.ADMIN: frozenset(
        {
            Permission.MANAGE_USERS,
            Permission.MANAGE_SETTINGS,
            Permission.VIEW_AUDIT,
            Permission.EXPORT_AUDIT,
            Permission.IMPORT_ROSTERS,
            Permission.MANAGE_VENDORS,  # a directory like the rosters; no member in it
            Permission.RETRY_DOCUMENTS,
            Permission.VIEW_REPORTS,  # counts and rates only, no member details
        }
    ),
    Role.SYSTEM: frozenset(
        {Permission.INGEST_DOCUMENTS, Permission.RETRY_DOCUMENTS, Permission.IMPORT_ROSTERS,
         Permission.APPLY_CLOCK_RULES}
    ),
}

PERSON_ROLES: tuple[Role, ...] = tuple(r for r in Role if r is not Role.SYSTEM)


def allows(role: Role, permission: Permission) -> bool:
    return permission in PERMISSIONS[role]


def require(role: Role, permission: Permission, *, who: str = "This account") -> None:
    """Raise PermissionDenied, in words, unless `role` has `permission`."""
    if not allows(role, permission):
        raise PermissionDenied(
            f"{who} ({role.value.replace('_', ' ')}) is not allowed to {permission.value}."
        )


def parse_role(text: str) -> Role:
    try:
        role = Role(text)
    except ValueError:
        role = None
    if role is None or role is Role.SYSTEM:
        from casework.errors import InvalidValue

        names = ", ".join(r.value for r in PERSON_ROLES)
        raise InvalidValue(f"Unknown role {text!r}; choose one of {names}.")
    return role
