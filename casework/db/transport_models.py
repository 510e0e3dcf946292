"""The transportation desk: vendors, the trip of a transportation case with the days of a
standing order, and mileage reimbursements routed to Finance."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, Float, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from casework.db import case_models as _case_models  # noqa: F401  (trips belong to cases)
from casework.db.models import Base
from casework.db.types import UTCDateTime


class Vendor(Base):
    """A contracted transportation vendor: where it drives, at what levels, under which
    agreement. Never deleted (trips name it); deactivated instead."""

    __tablename__ = "vendors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    fax: Mapped[str] = mapped_column(String(10))
    phone: Mapped[str] = mapped_column(String(10), default="")
    modes: Mapped[str] = mapped_column(Text, default="")  # space-separated mode names
    zips: Mapped[str] = mapped_column(Text, default="")  # space-separated five-digit ZIPs
    counties: Mapped[str] = mapped_column(Text, default="")  # ';'-separated county names
    agreement_from: Mapped[date | None] = mapped_column(Date)
    agreement_to: Mapped[date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Trip(Base):
    """The trip a transportation case asks for (one per case); a standing order's days are
    `TripDay` rows."""

    __tablename__ = "trips"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    pickup_address: Mapped[str] = mapped_column(Text, default="")
    pickup_zip: Mapped[str | None] = mapped_column(String(5))
    destination_name: Mapped[str] = mapped_column(Text, default="")
    destination_address: Mapped[str] = mapped_column(Text, default="")
    destination_zip: Mapped[str | None] = mapped_column(String(5))
    appointment_date: Mapped[date | None] = mapped_column(Date)
    appointment_time: Mapped[str] = mapped_column(String(5), default="")  # HH:MM, plan time
    mode: Mapped[str] = mapped_column(String(32), default="")
    round_trip: Mapped[bool] = mapped_column(Boolean, default=False)
    miles: Mapped[float | None] = mapped_column(Float)  # estimated, both ways when round trip
    miles_note: Mapped[str] = mapped_column(Text, default="")  # why there is no estimate
    stated_miles: Mapped[float | None] = mapped_column(Float)
    stated_by: Mapped[str] = mapped_column(String(32), default="")
    standing_days: Mapped[str] = mapped_column(String(40), default="")  # "mon wed fri"
    series_end: Mapped[date | None] = mapped_column(Date)
    vendor_id: Mapped[int | None] = mapped_column(ForeignKey("vendors.id"))
    vendor_reason: Mapped[str] = mapped_column(Text, default="")
    authorization_number: Mapped[str | None] = mapped_column(String(32), unique=True)
    authorized_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    amendment: Mapped[int] = mapped_column(Integer, default=0)  # 0: the original authorization
    amendment_reason: Mapped[str] = mapped_column(Text, default="")
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TripDay(Base):
    """One day a standing order's trip runs (the first is the appointment date)."""

    __tablename__ = "trip_days"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id"), index=True)
    day: Mapped[date] = mapped_column(Date)
    holiday: Mapped[str] = mapped_column(String(100), default="")  # kept, to confirm


class MileageReimbursement(Base):
    """Miles a member drove times the rate in effect, waiting in Finance's queue."""

    __tablename__ = "mileage_reimbursements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id"))
    travel_date: Mapped[date] = mapped_column(Date)
    miles: Mapped[float] = mapped_column(Float)
    rate: Mapped[Decimal] = mapped_column(Numeric(6, 4))
    amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    citation: Mapped[str] = mapped_column(Text)
    queue: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
