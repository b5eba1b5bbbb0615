"""Reading what comes back into a plan: department workbooks and the 첨부 2 budget list, as diffs applied through PlanStore."""
