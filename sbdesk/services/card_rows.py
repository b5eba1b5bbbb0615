"""``CardRows``: the repeating blocks of one project card, typed (no sqlmodel import).

A card (``models.Card``) has six blocks of rows: delivery steps, budget lines,
indicators, partners, monitoring entries and self-evaluation entries (the last
two are ``Evaluation`` rows told apart by ``kind``). Everything that handles a
card's rows passes them as one ``CardRows``:

- ``PlanStore.card_rows(card_id)`` (ORM instances, for the card editor and tests);
- the read model (``read_model.py``: plain rows of ``rows.py``, every card of a year);
- ``new_term`` (the old term's cards) and the card editor (``ui/pages/card``),
  whose grid sections name their block by attribute (``CARD_BLOCKS``).

Each block is a tuple in the card's order (``position``, then ``id``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: The blocks of a card, in the card's order: (``CardRows`` attribute, model name,
#: ``Evaluation.kind`` or "" for a model whose rows all belong to the block).
CARD_BLOCKS: tuple[tuple[str, str, str], ...] = (
    ("steps", "DeliveryStep", ""),
    ("budget_lines", "BudgetLine", ""),
    ("indicators", "Indicator", ""),
    ("partners", "Partner", ""),
    ("monitoring", "Evaluation", "monitoring"),
    ("self_evaluation", "Evaluation", "self"),
)

#: The models holding a card's rows (children of ``Card``), each once, in the card's order.
CARD_ROW_MODELS: tuple[str, ...] = tuple(dict.fromkeys(model for _, model, _ in CARD_BLOCKS))


@dataclass(frozen=True)
class CardRows:
    """The rows of one card, one tuple per block (see ``CARD_BLOCKS``).

    The rows are whatever the reader gives: ORM instances (``PlanStore``), plain
    rows (the read model) or the rows being edited (the card editor); all have the
    model's attributes.
    """

    steps: tuple[Any, ...] = ()
    budget_lines: tuple[Any, ...] = ()
    indicators: tuple[Any, ...] = ()
    partners: tuple[Any, ...] = ()
    monitoring: tuple[Any, ...] = ()
    self_evaluation: tuple[Any, ...] = ()

    @property
    def evaluations(self) -> tuple[Any, ...]:
        """Both kinds of ``Evaluation`` (monitoring first)."""
        return self.monitoring + self.self_evaluation

    def block(self, name: str) -> tuple[Any, ...]:
        """The block called ``name`` (an attribute listed in ``CARD_BLOCKS``)."""
        if name not in _BLOCK_NAMES:
            raise KeyError(name)
        rows: tuple[Any, ...] = getattr(self, name)
        return rows


_BLOCK_NAMES = frozenset(name for name, _, _ in CARD_BLOCKS)

#: A card without rows.
NO_ROWS = CardRows()


def card_rows_of(by_model: Mapping[str, Mapping[int, Sequence[Any]]], card_id: int) -> CardRows:
    """The ``CardRows`` of card ``card_id`` from rows grouped by model name, then card id.

    ``by_model`` maps a model name of ``CARD_ROW_MODELS`` to card id → rows in
    the card's order (``read_model.PlanRows.children``); a missing model gives
    empty blocks, an ``Evaluation`` of neither kind belongs to no block.
    """
    blocks: dict[str, tuple[Any, ...]] = {}
    for name, model, kind in CARD_BLOCKS:
        rows = by_model.get(model, {}).get(card_id, ())
        if kind:
            rows = [r for r in rows if r.kind == kind]
        if rows:
            blocks[name] = tuple(rows)
    return CardRows(**blocks) if blocks else NO_ROWS
