"""User accounts: add, change password, disable, list, sign in."""

from __future__ import annotations

import functools
import math
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from casework.actor import SYSTEM, Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.db.models import AuditEvent, User
from casework.errors import AuthenticationFailed, InvalidValue, NotFound, UserError
from casework.permissions import Permission, Role, parse_role
from casework.settings import SignInRules
from casework.workspace import Workspace

MIN_PASSWORD_LENGTH = 10
_USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,63}$")
_hasher = PasswordHasher()


@functools.cache
def _stand_in_hash() -> str:
    """A hash of a random password nobody knows, with the hasher's own cost: checking against
    it takes as long as checking a real account."""
    return _hasher.hash(secrets.token_urlsafe(24))


@dataclass(frozen=True)
class UserInfo:
    """What screens and commands show of an account (never the hash)."""

    id: int
    username: str
    full_name: str
    role: Role
    active: bool
    created_at: datetime
    credentials: str = ""  # a clinical reviewer's: MD, DO, PharmD
    phone: str = ""  # where a provider reaches a clinical reviewer


@dataclass(frozen=True)
class ReviewerDetails:
    """What notices say of a clinical reviewer besides the name."""

    credentials: str = ""
    phone: str = ""


def add_user(
    ws: Workspace, actor: Actor, username: str, role: str, password: str, full_name: str = "",
    reviewer: ReviewerDetails | None = None,
) -> UserInfo:
    """Create an account; only an administrator may. A clinical reviewer needs a full name and
    credentials, which denial and modification notices print."""
    actor.require(Permission.MANAGE_USERS)
    with ws.db.write() as session:
        return _create(session, actor, username, role, password, full_name, ws.now(),
                       reviewer or ReviewerDetails())


def create_first_admin(
    ws: Workspace, username: str, password: str, full_name: str = "", os_login: str = ""
) -> UserInfo:
    """Create the first administrator of an empty database (the GUI's first start, or
    `user add NAME --role admin` on a new database); refused once any account exists."""
    with ws.db.write() as session:
        if session.scalar(select(func.count()).select_from(User)):
            raise UserError("An administrator already exists; sign in instead.")
        actor = Actor(username=username.strip().lower(), role=Role.ADMIN, os_login=os_login)
        return _create(session, actor, username, Role.ADMIN.value, password, full_name, ws.now(),
                       ReviewerDetails())


def has_users(ws: Workspace) -> bool:
    with ws.db.read() as session:
        return bool(session.scalar(select(func.count()).select_from(User)))


def change_password(ws: Workspace, actor: Actor, username: str, new_password: str) -> None:
    """Set a new password: one's own, or anyone's for an administrator."""
    if actor.username != username:
        actor.require(Permission.MANAGE_USERS)
    check_password_strength(new_password)
    with ws.db.write() as session:
        user = _get(session, username)
        user.password_hash = _hasher.hash(new_password)
        user.password_changed_at = ws.now()
        record(
            session,
            actor,
            AuditAction.USER_PASSWORD_CHANGED,
            "user",
            user.id,
            ws.now(),
            {"username": user.username},
        )


def disable_user(ws: Workspace, actor: Actor, username: str) -> None:
    """Stop an account from signing in; its history stays."""
    actor.require(Permission.MANAGE_USERS)
    if actor.username == username:
        raise UserError("You cannot disable your own account.")
    with ws.db.write() as session:
        user = _get(session, username)
        if not user.active:
            return
        if user.role == Role.ADMIN.value and _active_admins(session) <= 1:
            raise UserError("This is the last active administrator; add another one first.")
        user.active = False
        record(session, actor, AuditAction.USER_DISABLED, "user", user.id, ws.now(),
               {"username": username})


def list_users(ws: Workspace, actor: Actor) -> list[UserInfo]:
    actor.require(Permission.MANAGE_USERS)
    with ws.db.read() as session:
        users = session.scalars(select(User).order_by(User.username)).all()
        return [_info(u) for u in users]


def authenticate(ws: Workspace, username: str, password: str) -> Actor:
    """Return the actor for a correct user name and password; record failures in the trail.

    Every answer costs one password check, for unknown names too (against a stand-in hash),
    so the time taken does not tell which user names exist. After too many wrong passwords
    the account is locked for a while (the settings' [session] rules), right password or not.
    """
    name = username.strip().lower()
    now = ws.now()
    with ws.db.write() as session:
        user = session.scalar(select(User).where(User.username == name))
        matches = _password_matches(user.password_hash if user else None, password)
        locked_until = locked_out_until(session, user.id, ws.sign_in, now) if user else None
        if user is not None and user.active and matches and locked_until is None:
            if _hasher.check_needs_rehash(user.password_hash or ""):
                user.password_hash = _hasher.hash(password)
            record(session, _actor(user), AuditAction.USER_SIGNED_IN, "user", user.id, now)
            return _actor(user)
        details: dict[str, object] = {"username": name}
        if locked_until is not None:
            details["locked_until"] = locked_until.isoformat()
        record(session, Actor(name or "?", Role.SYSTEM), AuditAction.USER_SIGN_IN_FAILED,
               "user", user.id if user else "-", now, details)
        if user is not None and locked_until is None:
            newly = locked_out_until(session, user.id, ws.sign_in, now)
            if newly is not None:
                locked_until = newly
                record(session, SYSTEM, AuditAction.USER_LOCKED_OUT, "user", user.id, now,
                       {"username": name, "until": newly.isoformat()})
    if locked_until is not None:
        minutes = max(1, math.ceil((locked_until - now).total_seconds() / 60))
        raise AuthenticationFailed(
            f"Too many wrong passwords: this account is locked for {minutes} more minutes, "
            "or until an administrator unlocks it.")
    raise AuthenticationFailed(
        "The user name or password is not right, or the account is disabled."
    )


def unlock_user(ws: Workspace, actor: Actor, username: str) -> None:
    """Lift a lockout before its time: the wrong passwords before now no longer count."""
    actor.require(Permission.MANAGE_USERS)
    with ws.db.write() as session:
        user = _get(session, username)
        record(session, actor, AuditAction.USER_UNLOCKED, "user", user.id, ws.now(),
               {"username": user.username})


def locked_out_until(session: Session, user_id: int, rules: SignInRules,
                     now: datetime) -> datetime | None:
    """When the account's lockout ends, or None when it is not locked out.

    `rules.attempts` wrong passwords within `rules.window_minutes` (since its last sign-in or
    unlock) lock it for `rules.lockout_minutes` from the last of them. Tries made while it is
    locked are recorded but do not extend the lock.
    """
    window = timedelta(minutes=rules.window_minutes)
    lockout = timedelta(minutes=rules.lockout_minutes)
    entity = (AuditEvent.entity_type == "user") & (AuditEvent.entity_id == str(user_id))
    reset = session.scalar(select(func.max(AuditEvent.seq)).where(
        entity, or_(AuditEvent.action == AuditAction.USER_SIGNED_IN,
                    AuditEvent.action == AuditAction.USER_UNLOCKED))) or 0
    failures = session.execute(
        select(AuditEvent.occurred_at, AuditEvent.details).where(
            entity, AuditEvent.action == AuditAction.USER_SIGN_IN_FAILED, AuditEvent.seq > reset,
            AuditEvent.occurred_at > now - window - lockout)
        .order_by(AuditEvent.seq)).all()
    times = [at for at, details in failures if '"locked_until"' not in details]
    until: datetime | None = None
    for first, last in zip(times, times[rules.attempts - 1:], strict=False):
        if last - first <= window:
            until = last + lockout
    return until if until is not None and until > now else None


def check_reviewer_details(role: Role, full_name: str, details: ReviewerDetails) -> None:
    """Refuse a clinical reviewer without the name and credentials a notice must print, or a
    phone number without its area code."""
    phone = details.phone.strip()
    if phone and sum(c.isdigit() for c in phone) < 10:
        raise InvalidValue(f"{phone!r} is not a phone number a provider can call: give the area "
                           "code and number (and any extension), e.g. 916-555-0142 ext. 12.")
    if role is not Role.CLINICAL_REVIEWER:
        return
    if not full_name.strip() or not details.credentials.strip():
        raise InvalidValue(
            "A clinical reviewer needs a full name and credentials (MD, DO, PharmD…): denial "
            "and modification notices name the physician or pharmacist who decided "
            "(H&S Code §1367.01(h)(4)).")


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidValue(f"A password needs at least {MIN_PASSWORD_LENGTH} characters.")


def _create(
    session: Session,
    actor: Actor,
    username: str,
    role: str,
    password: str,
    full_name: str,
    now: datetime,
    reviewer: ReviewerDetails,
) -> UserInfo:
    name = username.strip().lower()
    if not _USERNAME.match(name) or name == "system":
        raise InvalidValue(
            f"{username!r} cannot be a user name: use 2-64 lower-case letters, digits, '.', '-' "
            "or '_', starting with a letter ('system' is reserved)."
        )
    parsed = parse_role(role)
    check_reviewer_details(parsed, full_name, reviewer)
    check_password_strength(password)
    if session.scalar(select(User).where(User.username == name)):
        raise InvalidValue(f"There is already a user called {name}.")
    user = User(
        username=name,
        full_name=full_name.strip(),
        role=parsed.value,
        credentials=reviewer.credentials.strip(),
        phone=reviewer.phone.strip(),
        password_hash=_hasher.hash(password),
        active=True,
        created_at=now,
        password_changed_at=now,
    )
    session.add(user)
    session.flush()
    record(
        session, actor, AuditAction.USER_ADDED, "user", user.id, now,
        # A reviewer's credentials and line are in the trail; an account without them says so
        # by their absence, not by empty entries.
        {"username": name, "role": parsed.value, "full_name": user.full_name,
         **{k: v for k, v in (("credentials", user.credentials), ("phone", user.phone)) if v}},
    )
    return _info(user)


def _get(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        raise NotFound(f"There is no user called {username}.")
    return user


def _active_admins(session: Session) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(User).where(User.role == Role.ADMIN.value, User.active)
        )
        or 0
    )


def _password_matches(stored: str | None, password: str) -> bool:
    """Check `password` against `stored`, or against a stand-in hash when there is none, so
    an unknown name takes as long to refuse as a known one."""
    try:
        return _hasher.verify(stored or _stand_in_hash(), password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def _actor(user: User) -> Actor:
    return Actor(username=user.username, role=Role(user.role), user_id=user.id)


def _info(user: User) -> UserInfo:
    return UserInfo(user.id, user.username, user.full_name, Role(user.role), user.active,
                    user.created_at, user.credentials or "", user.phone or "")


def actor_for(ws: Workspace, username: str) -> Actor:
    """The actor for an active account, without its password: only for work the program does
    in an account it made itself (the demonstration data). People sign in with `authenticate`."""
    with ws.db.read() as session:
        user = session.scalar(select(User).where(User.username == username.strip().lower()))
        if user is None or not user.active:
            raise NotFound(f"There is no active user called {username}.")
        return _actor(user)
