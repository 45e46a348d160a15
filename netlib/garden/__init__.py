"""The garden: pure functions of (snapshot, as-of date, settings): tie strength, rings,
health, reciprocity, the weave, the checklists and the 12-month history."""

from netlib.garden.analysis import (CHECKLISTS, HEALTH, RINGS, ChecklistItem, Garden, analyse, month_summary,
                                    report_date, standing, warm_paths)

__all__ = ["CHECKLISTS", "HEALTH", "RINGS", "ChecklistItem", "Garden", "analyse", "month_summary", "report_date",
           "standing", "warm_paths"]
