"""Pure quote arithmetic shared by the demo site and the tests that check extracted data."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

# Monthly base price of each plan, in cents.
PLAN_BASE_CENTS = {"Basic": 1900, "Standard": 3400, "Premium": 5900}
ROADSIDE_CENTS = 450
# (deductible in dollars, discount in percent): a higher deductible lowers the monthly price.
DEDUCTIBLE_OPTIONS = ((250, 0), (500, 8), (1000, 15))


@dataclass(frozen=True)
class QuoteRow:
    """One row of the coverage options table, in exact integer units."""

    plan: str
    monthly_cents: int
    deductible: int


def canonical_plan(plan: str) -> str:
    """The plan's display name, accepting the option value ("standard") or its label ("Standard")."""
    for name in PLAN_BASE_CENTS:
        if name.casefold() == plan.strip().casefold():
            return name
    raise ValueError(f"unknown plan {plan!r}; expected one of {', '.join(PLAN_BASE_CENTS)}")


def quote_rows(*, full_name: str, plan: str, roadside: bool) -> list[QuoteRow]:
    """The coverage options for these inputs; the name's checksum makes each customer's prices differ."""
    name = canonical_plan(plan)
    name_cents = zlib.crc32(full_name.strip().encode()) % 900
    base = PLAN_BASE_CENTS[name] + name_cents + (ROADSIDE_CENTS if roadside else 0)
    label = f"{name} + Roadside" if roadside else name
    return [QuoteRow(label, base * (100 - discount) // 100, deductible) for deductible, discount in DEDUCTIBLE_OPTIONS]


def format_money(cents: int) -> str:
    """'$1,234.50' style, as the page shows prices."""
    return f"${cents // 100:,}.{cents % 100:02d}"


def expected_quote_rows(*, full_name: str, plan: str, roadside: bool) -> list[dict[str, object]]:
    """Rows as extraction should return them under the demo schema (plan, monthly_price, deductible)."""
    return [
        {"plan": row.plan, "monthly_price": row.monthly_cents / 100, "deductible": row.deductible}
        for row in quote_rows(full_name=full_name, plan=plan, roadside=roadside)
    ]
