"""Every action the audit trail records, named once; the trail stores each member's value."""

from __future__ import annotations

from enum import StrEnum, unique


@unique
class AuditAction(StrEnum):
    """What an audit event says happened, as `<record type>.<what happened>`.

    The values are stored in the trail and hashed into its chain: never rename one.
    """

    # A case: opened from a document or by hand, and every step a person takes on it.
    CASE_OPENED = "case.opened"
    CASE_DOCUMENT_ATTACHED = "case.document_attached"
    CASE_STATUS_CHANGED = "case.status_changed"  # also when a review case is closed by refiling
    CASE_CLOCK_EXTENDED = "case.clock_extended"
    CASE_CLOCK_MOVED = "case.clock_moved"  # a date a clock counts from was corrected
    CASE_CONVERTED = "case.converted"  # a clock rule changed its priority at the deadline
    CASE_VIEWED = "case.viewed"
    CASE_NOTE_ADDED = "case.note_added"
    CASE_TASK_ADDED = "case.task_added"
    CASE_TASK_DONE = "case.task_done"
    CASE_FLAGGED = "case.flagged"  # a document's warning raised to its case, with a task
    CASE_CLAIMED = "case.claimed"
    CASE_ASSIGNED = "case.assigned"
    CASE_RELATED = "case.related"  # a document named another case: written on both cases
    CASE_PRIORITY_CHANGED = "case.priority_changed"  # re-routed, its clocks counted again
    CASE_REFERRED_TO_REVIEWER = "case.referred_to_reviewer"  # to the clinical review queue
    CASE_EXPORTED_FHIR = "case.exported_fhir"  # the request written as a FHIR PAS Bundle
    CASE_PACKET_CREATED = "case.packet_created"  # the whole case file as one PDF

    # A document: taken in (one of taken, duplicate or rejected), read, reviewed, corrected.
    DOCUMENT_TAKEN = "document.taken"  # queued to be read
    DOCUMENT_DUPLICATE = "document.duplicate"  # the same bytes were taken before
    DOCUMENT_REJECTED = "document.rejected"  # refused as it was taken, or its reading failed
    DOCUMENT_RETRIED = "document.retried"
    DOCUMENT_READ = "document.read"
    DOCUMENT_VIEWED = "document.viewed"
    DOCUMENT_FIELD_CORRECTED = "document.field_corrected"
    DOCUMENT_VERIFIED = "document.verified"
    DOCUMENT_VOICEMAIL_SUMMARISED = "document.voicemail_summarised"  # what a person heard
    DOCUMENT_TYPE_SET = "document.type_set"
    DOCUMENT_SPLIT = "document.split"
    DOCUMENT_SPLIT_PART = "document.split_part"  # one event per part the split made
    DOCUMENT_MERGED = "document.merged"
    DOCUMENT_MERGED_INTO = "document.merged_into"  # one event per part merged away
    DOCUMENT_DISMISSED = "document.dismissed"

    # The reading queue, written by the intake service itself.
    JOB_REQUEUED = "job.requeued"  # its lease ran out
    JOB_RELEASED = "job.released"  # its reader stopped and gave it back
    JOB_RETRY_SCHEDULED = "job.retry_scheduled"

    # A letter.
    LETTER_GENERATED = "letter.generated"
    LETTER_EXPORTED = "letter.exported"
    LETTER_FAX_QUEUED = "letter.fax_queued"  # put in the outbound fax folder
    LETTER_FAXED = "letter.faxed"  # sent: the fax server took it, or a person faxed it
    LETTER_PRINTED = "letter.printed"
    LETTER_MAILED = "letter.mailed"
    LETTER_HANDED_OVER = "letter.handed_over"

    # Accounts and the workstation itself.
    USER_ADDED = "user.added"
    USER_DISABLED = "user.disabled"
    USER_PASSWORD_CHANGED = "user.password_changed"
    USER_SIGNED_IN = "user.signed_in"
    USER_SIGN_IN_FAILED = "user.sign_in_failed"  # a wrong password, or any try while locked
    USER_LOCKED_OUT = "user.locked_out"  # too many wrong passwords: sign-in refused a while
    USER_UNLOCKED = "user.unlocked"  # an administrator lifted a lockout early
    SETTINGS_CHANGED = "settings.changed"
    STORE_CHECKED = "store.checked"
    CLOCKS_CHECKED = "clocks.checked"  # every open case's clocks recomputed from the rules
    ROSTER_IMPORTED = "roster.imported"

    # The transportation desk: vendors, a case's trip, its authorization, mileage paid.
    VENDORS_IMPORTED = "vendor.imported"
    VENDOR_CHANGED = "vendor.changed"
    VENDOR_DEACTIVATED = "vendor.deactivated"
    TRIP_RECORDED = "trip.recorded"  # opened with the case, or changed by the coordinator
    TRIP_VENDOR_CHOSEN = "trip.vendor_chosen"
    TRIP_AUTHORIZED = "trip.authorized"
    TRIP_CANCELLED = "trip.cancelled"
    MILEAGE_REIMBURSEMENT_ROUTED = "trip.reimbursement_routed"

    # Care coordination: attempts to reach a member, referrals to programs, attendance.
    CONTACT_LOGGED = "contact.logged"  # on a case or a referral, numbered attempt
    REFERRAL_OPENED = "referral.opened"
    REFERRAL_STATUS_CHANGED = "referral.status_changed"
    REFERRAL_ATTENDED = "referral.attended"  # a day at a program's centre (CBAS)
    MEMBER_VIEWED = "member.viewed"  # a look at a member's whole record across cases
    AUDIT_EXPORTED = "audit.exported"
