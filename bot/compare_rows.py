"""Which rows of the PM-vs-PO comparison a question asks about.

The short reply shows three of the comparison's fifteen rows, the ones where the roles differ
most. A comparison asked about one aspect ("PM vs PO: who owns pricing?", "what's the pay gap
between PM and PO?") got the stakeholders, artifacts and metrics rows and never the one asked
about; those rows now lead, and the short reply keeps them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bot.query_terms import ROLE_CONCEPTS, TermReader


def asked_rows(reader: TermReader, rows: Sequence[Mapping[str, Any]], query: str) -> list[int]:
    """The indexes of the rows whose aspect the question names, in the comparison's order.

    Only the aspect's own label counts ("Pricing", "Time horizon", "Average US salary", read
    with the synonyms, so "pay" is the salary): the rows' cells share everyday words with
    questions, and "who sets the prices?" put the Scope row ("one feature set") first."""
    asked = {t.stem for t in reader.read(query)[0]} - ROLE_CONCEPTS.keys()
    return [i for i, row in enumerate(rows) if asked & set(reader.terms_of(row["aspect"]))]
