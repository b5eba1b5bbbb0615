"""Every schema object sbdesk creates, ``{(type, name): table}``, as of ``SCHEMA_VERSION``.

``planfile.inspect`` checks each opened file against it (no foreign triggers or
views); kept here as data so opening a file needs no SQLAlchemy (the CLI's read
commands never import it). ``tests/core/test_rows.py`` compares it with the schema
the sqlmodel tables create and fails, naming the difference, when a table or
index changes: then regenerate it with ``python -m sbdesk.services.schema_objects``.
"""

from __future__ import annotations

EXPECTED: dict[tuple[str, str], str] = {
    ("index", "ix_activity_year"): "activity",
    ("index", "ix_basicbudget_project_id"): "basicbudget",
    ("index", "ix_budgetline_card_id"): "budgetline",
    ("index", "ix_budgetlistitem_year"): "budgetlistitem",
    ("index", "ix_card_project_id"): "card",
    ("index", "ix_card_year"): "card",
    ("index", "ix_changeentry_year"): "changeentry",
    ("index", "ix_committeemember_year"): "committeemember",
    ("index", "ix_deliverystep_card_id"): "deliverystep",
    ("index", "ix_evaluation_card_id"): "evaluation",
    ("index", "ix_indicator_card_id"): "indicator",
    ("index", "ix_legislation_year"): "legislation",
    ("index", "ix_partner_card_id"): "partner",
    ("index", "ix_planyear_year"): "planyear",
    ("index", "ix_project_strategy_id"): "project",
    ("index", "ix_task_strategy_id"): "task",
    ("index", "ix_tfmember_year"): "tfmember",
    ("index", "ix_yeartext_year"): "yeartext",
    ("table", "activity"): "activity",
    ("table", "basicbudget"): "basicbudget",
    ("table", "basicindicator"): "basicindicator",
    ("table", "budgetline"): "budgetline",
    ("table", "budgetlistitem"): "budgetlistitem",
    ("table", "card"): "card",
    ("table", "changeentry"): "changeentry",
    ("table", "committeemember"): "committeemember",
    ("table", "deliverystep"): "deliverystep",
    ("table", "evaluation"): "evaluation",
    ("table", "indicator"): "indicator",
    ("table", "legislation"): "legislation",
    ("table", "levelindicator"): "levelindicator",
    ("table", "municipality"): "municipality",
    ("table", "otherplanlink"): "otherplanlink",
    ("table", "partner"): "partner",
    ("table", "plan"): "plan",
    ("table", "planyear"): "planyear",
    ("table", "project"): "project",
    ("table", "strategy"): "strategy",
    ("table", "task"): "task",
    ("table", "tfmember"): "tfmember",
    ("table", "yeartext"): "yeartext",
}


def computed_expected_objects() -> dict[tuple[str, str], str]:
    """The same, computed by creating the sqlmodel schema in memory (for the test)."""
    from sqlmodel import SQLModel, create_engine

    from sbdesk.models import tables  # noqa: F401 - registers every table on SQLModel.metadata

    engine = create_engine("sqlite://")  # in memory, one connection
    try:
        SQLModel.metadata.create_all(engine)
        with engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT type, name, tbl_name FROM sqlite_master").all()
    finally:
        engine.dispose()
    return {(t, n): tbl for t, n, tbl in rows}


if __name__ == "__main__":  # print the current schema's objects, to paste above
    for key, table in sorted(computed_expected_objects().items()):
        print(f"    {key!r}: {table!r},")
