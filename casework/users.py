"""User accounts: add, change password, disable, list, sign in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.db.models import User
from casework.errors import AuthenticationFailed, InvalidValue, NotFound, UserError
from casework.permissions import Permission, Role, parse_role
from casework.workspace import Workspace

MIN_PASSWORD_LENGTH = 10
_USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,63}$")
_hasher = PasswordHasher()


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
    ws: Workspace, username: str, password: str, full_name: str = ""
) -> UserInfo:
    """Create the first administrator of an empty database (the GUI's first start)."""
    with ws.db.write() as session:
        if session.scalar(select(func.count()).select_from(User)):
            raise UserError("An administrator already exists; sign in instead.")
        actor = Actor(username=username.strip().lower(), role=Role.ADMIN)
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
    """Return the actor for a correct user name and password; record failures in the trail."""
    name = username.strip().lower()
    with ws.db.write() as session:
        user = session.scalar(select(User).where(User.username == name))
        ok = user is not None and user.active and _password_matches(user, password)
        if not ok or user is None:
            record(
                session,
                Actor(name or "?", Role.SYSTEM),
                AuditAction.USER_SIGN_IN_FAILED,
                "user",
                user.id if user else "-",
                ws.now(),
                {"username": name},
            )
        else:
            if _hasher.check_needs_rehash(user.password_hash or ""):
                user.password_hash = _hasher.hash(password)
            record(session, _actor(user), AuditAction.USER_SIGNED_IN, "user", user.id, ws.now())
            return _actor(user)
    raise AuthenticationFailed(
        "The user name or password is not right, or the account is disabled."
    )


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


def _password_matches(user: User, password: str) -> bool:
    try:
        return _hasher.verify(user.password_hash or "", password)
    except (VerificationError, InvalidHashError):
        return False


def _actor(user: User) -> Actor:
    return Actor(username=user.username, role=Role(user.role), user_id=user.id)


def _info(user: User) -> UserInfo:
    return UserInfo(user.id, user.username, user.full_name, Role(user.role), user.active,
                    user.created_at, user.credentials or "", user.phone or "")


def actor_for(ws: Workspace, username: str) -> Actor:
    """The actor for an active account, for commands run on a trusted machine (`--as`)."""
    with ws.db.read() as session:
        user = session.scalar(select(User).where(User.username == username.strip().lower()))
        if user is None or not user.active:
            raise NotFound(f"There is no active user called {username}.")
        return _actor(user)
