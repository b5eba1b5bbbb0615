"""Project numbers (사업번호): derived from the position (5th term) or stored (6th term).

A 5th-term number is computed from the parents' numbers and the project's own
``number`` among its siblings, so it follows every move. A 6th-term number is
assigned once (``Project.code``) and kept when the project moves; only the
explicit renumbering (``PlanStore.renumber_projects``) assigns fresh ones.
Codes are ASCII ("I-1-1", "II-1-2-1"); documents print them with the Roman
numerals of the forms (``TermRules.display_code``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sbdesk import models as m

CODE_I = re.compile(r"^(?:I|Ⅰ)-(\d+)-(\d+)\.?$")
CODE_II = re.compile(r"^(?:II|Ⅱ)-(\d+)-(\d+)-(\d+)\.?$")


def strategy_code(st: m.Strategy) -> str:
    """A strategy's number: ``<system>-<number>`` (I-1, II-3)."""
    return f"{st.system}-{st.number}"


def task_code(st: m.Strategy, task: m.Task) -> str:
    """A representative task's (대표과업) number: its strategy's plus its own (II-1-2)."""
    return f"{strategy_code(st)}-{task.number}"


def derived_code(st: m.Strategy, task: m.Task | None, p: m.Project) -> str:
    parent = task_code(st, task) if task is not None else strategy_code(st)
    return f"{parent}-{p.number}"


def project_code(st: m.Strategy, task: m.Task | None, p: m.Project) -> str:
    """The number to print: the stored one when there is one, else the derived one."""
    return p.code or derived_code(st, task, p)


def valid_code(code: str, system: str, with_task: bool) -> bool:
    """Whether ``code`` has the 6th-term shape for its system (Ⅰ-s-n / Ⅱ-s-t-n)."""
    pattern = CODE_II if (system == "II" or with_task) else CODE_I
    return bool(pattern.match(code or ""))


def all_codes(strategies, tasks, projects) -> dict[int, str]:
    st_by_id = {x.id: x for x in strategies}
    task_by_id = {x.id: x for x in tasks}
    return {
        p.id: project_code(st_by_id[p.strategy_id], task_by_id.get(p.task_id), p)
        for p in projects
        if p.strategy_id in st_by_id
    }
