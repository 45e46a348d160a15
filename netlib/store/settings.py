"""Settings of the garden: defaults, merging user settings over them, validation.

The store keeps user settings as JSON key/value pairs; :func:`merge` lays them over
:data:`DEFAULTS` (dict-valued settings are merged key by key) and validates each one, so
the garden always works from a complete, checked dict.

Where the defaults come from
----------------------------
- ``half_life_days``: friendships fade without contact (Roberts & Dunbar 2011, 2015); a
  90-day half-life means an unanswered quarter halves a tie.
- ``ring_sizes``: Dunbar's layers, about 5 / 15 / 50 / 150 / 500, each about 3x the last
  (Dunbar 2016, R. Soc. Open Sci. 3:150292; Hill & Dunbar 2003).
- ``ring_floor_strength`` / ``ring_floor_contacts``: a ring is a layer of closeness, not
  only of rank: the inner circle takes repeated, recent contact (six contacts and strength
  0.5), "close" three contacts, "friends" and "meaningful" two; one meeting leaves someone
  in the wider network however small the garden (see :mod:`netlib.garden.rings`).
- ``cadence_days``: keeping someone in the 5 takes about weekly-to-fortnightly contact,
  the 15 about monthly, the 50 a few times a year, the 150 about yearly (Dunbar 2016).
- ``kind_weights``: frequency, recency and reciprocal services signal strength
  (Granovetter 1973; Gilbert & Karahalios 2009): a coffee or help weighs more than an email.
- ``dormant_days``: reconnecting with once-strong dormant ties pays (Levin, Walter &
  Murnighan 2011, Org. Sci. 22(4)).
"""

from __future__ import annotations

import copy
import numbers

from netlib.errors import ValidationError
from netlib.importers.records import INTERACTION_KINDS, TIE_KINDS
import datetime as dt

__all__ = ["DEFAULTS", "merge", "validate", "GOAL_KINDS"]

#: Goal kinds: ``meet`` (new people), ``give`` (help given or intros made), or any
#: interaction kind (``coffee``, ``call``...): count interactions of that kind.
GOAL_KINDS = ("meet", "give", *INTERACTION_KINDS)

DEFAULTS: dict = {
    # who you are (to leave yourself out of calendar invites and contacts)
    "owner_name": "",
    "owner_emails": [],
    # an email to more than this many people makes interactions but no ties among them
    "mass_mail": 10,
    # true in a store that `netlib demo` built (Store.mark_demo; never set or imported)
    "demo": False,
    # the as-of date used when analyse() is called without one (ISO date or None)
    "as_of": None,
    # --- tie strength (netlib.garden.strength) ---
    "half_life_days": 90.0,
    "strength_scale": 6.0,  # strength = 1 - exp(-decayed weight / scale)
    "kind_weights": {
        "connected": 0.3,
        "coffee": 3.0,
        "meal": 3.0,
        "call": 2.0,
        "video": 2.0,
        "meeting": 1.5,
        "email": 0.5,
        "message": 0.5,
        "event": 1.0,
        "intro": 2.0,
        "help_given": 3.0,
        "help_received": 3.0,
        "note": 0.0,  # a note about someone is not contact with them
        "invitation": 0.3,  # a LinkedIn invitation, sent or received: reaching out, lightly
    },
    # --- rings, cadence, health (netlib.garden.rings) ---
    "ring_sizes": [5, 15, 50, 150, 500],  # cumulative sizes of rings 1-5
    "ring_min_strength": 0.01,  # weaker ties (a lone old email) stay in ring 6
    # closeness each ring asks for (rings 1-5): a minimum strength and number of contacts
    "ring_floor_strength": [0.5, 0.4, 0.2, 0.03, 0.01],
    "ring_floor_contacts": [6, 3, 2, 2, 1],
    "cadence_days": {"1": 14, "2": 30, "3": 90, "4": 180, "5": 365, "6": 730},
    "seedling_days": 60,
    "seedling_max_interactions": 3,
    "dormant_days": 365,
    "strong_strength": 0.5,  # peak strength at or above this = "was strong"
    "active_days": 90,  # a tie is active with an interaction in the last N days
    # --- the weave (netlib.garden.weave) ---
    "tie_kind_weights": {"colleague": 0.5, "coattendance": 1.0, "knows": 1.0, "family": 1.5, "intro": 1.0},
    "colleague_group_cap": 50,  # same-company groups larger than this make no colleague ties
    "seed": 42,
    "bridge_max_constraint": 0.5,
    "bridge_min_outside": 0.25,  # share of tie weight into other clusters a bridge needs
    # --- checklists (netlib.garden.checklist) ---
    "follow_up_weeks": 6,
    "checklist_limit": 12,  # open items a month across all checklists (goals aside): a short list
    "caps": {"follow_up": 20, "water": 10, "reconnect": 3, "give_back": 5, "weave": 3},
    # [{"text": "meet 3 people in product design", "kind": "meet", "tag": "design", "count": 3}]
    "goals": [],
    # --- redaction (netlib.report.redact): random key of the pseudonyms, created on first use ---
    "redaction_salt": None,
}


def _is_number(value, *, low=None, high=None, positive=False) -> bool:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return False
    if positive and not value > 0:
        return False
    if low is not None and value < low:
        return False
    return high is None or value <= high


def _check_goal(goal, i) -> None:
    where = f"goals[{i}]"
    if not isinstance(goal, dict):
        raise ValidationError(f"{where} is {goal!r}; each goal is an object like "
                              '{"text": "meet 3 people in design", "kind": "meet", "tag": "design", "count": 3}')
    if not isinstance(goal.get("text"), str) or not goal["text"].strip():
        raise ValidationError(f"{where} has no 'text'; give each goal a short sentence")
    if goal.get("kind", "meet") not in GOAL_KINDS:
        raise ValidationError(f"{where} kind is {goal.get('kind')!r}; allowed: {', '.join(GOAL_KINDS)}")
    if not _is_number(goal.get("count", 1), positive=True):
        raise ValidationError(f"{where} count is {goal.get('count')!r}; use a positive number")
    for key in ("tag", "keyword"):
        if goal.get(key) is not None and not isinstance(goal[key], str):
            raise ValidationError(f"{where} {key} is {goal[key]!r}; use a word like 'design'")


def validate(key: str, value) -> None:
    """Check one setting; raise :class:`~netlib.errors.ValidationError` saying what is allowed.

    >>> validate("half_life_days", 90)
    >>> validate("half_life_days", -1)
    Traceback (most recent call last):
    ...
    netlib.errors.ValidationError: half_life_days is -1; use a number of days above 0, e.g. 90
    """
    if key not in DEFAULTS:
        raise ValidationError(f"unknown setting {key!r}; known settings: {', '.join(sorted(DEFAULTS))}")
    positive_days = {"half_life_days": 90, "strength_scale": 6, "seedling_days": 60, "dormant_days": 365,
                     "active_days": 90, "follow_up_weeks": 6}
    if key in positive_days:
        if not _is_number(value, positive=True):
            raise ValidationError(f"{key} is {value!r}; use a number of days above 0, e.g. {positive_days[key]}"
                                  if key.endswith("days") else f"{key} is {value!r}; use a number above 0, "
                                  f"e.g. {positive_days[key]}")
    elif key == "mass_mail":
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ValidationError(f"mass_mail is {value!r}; use a whole number of people, 1 or more, e.g. 10")
    elif key in ("seedling_max_interactions", "checklist_limit", "colleague_group_cap", "seed"):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValidationError(f"{key} is {value!r}; use a whole number of 0 or more")
    elif key in ("strong_strength", "bridge_max_constraint", "bridge_min_outside", "ring_min_strength"):
        if not _is_number(value, low=0, high=None if key == "bridge_max_constraint" else 1):
            raise ValidationError(f"{key} is {value!r}; use a number between 0 and 1")
    elif key == "redaction_salt":
        if value is not None and (not isinstance(value, str) or len(value) < 16):
            raise ValidationError("redaction_salt must be a random hex string of at least 16 characters; "
                                  "leave it unset and netlib creates one")
    elif key == "demo":
        raise ValidationError("demo is not a setting you can set or import: only 'netlib demo' marks the "
                              "store it builds")
    elif key == "owner_name":
        if not isinstance(value, str):
            raise ValidationError(f"owner_name is {value!r}; use your name as text")
    elif key == "owner_emails":
        if not isinstance(value, list) or not all(isinstance(v, str) and "@" in v for v in value):
            raise ValidationError(f"owner_emails is {value!r}; use a JSON list of your addresses, e.g. "
                                  '\'["me@example.com", "me@work.example"]\'')
    elif key == "as_of":
        if value is not None:
            try:
                dt.date.fromisoformat(str(value)[:10])
            except ValueError as err:
                raise ValidationError(f"as_of is {value!r}; use an ISO date like 2026-11-30") from err
    elif key in ("kind_weights", "tie_kind_weights"):
        kinds = INTERACTION_KINDS if key == "kind_weights" else TIE_KINDS
        if not isinstance(value, dict):
            raise ValidationError(f"{key} is {value!r}; use an object of kind -> weight")
        for kind, weight in value.items():
            if kind not in kinds:
                raise ValidationError(f"{key} has unknown kind {kind!r}; allowed: {', '.join(kinds)}")
            if not _is_number(weight, low=0):
                raise ValidationError(f"{key}[{kind!r}] is {weight!r}; use a number of 0 or more")
    elif key == "ring_sizes":
        if (not isinstance(value, list) or len(value) != 5 or not all(_is_number(v, positive=True) for v in value)
                or any(b <= a for a, b in zip(value, value[1:]))):
            raise ValidationError(f"ring_sizes is {value!r}; use 5 increasing cumulative sizes, e.g. [5, 15, 50, 150, 500]")
    elif key in ("ring_floor_strength", "ring_floor_contacts"):
        whole = key == "ring_floor_contacts"
        if (not isinstance(value, list) or len(value) != 5
                or not all(_is_number(v, low=0, high=None if whole else 1) and (not whole or float(v).is_integer())
                           for v in value)
                or any(b > a for a, b in zip(value, value[1:]))):
            example = "[6, 3, 2, 2, 1]" if whole else "[0.5, 0.4, 0.2, 0.03, 0.01]"
            raise ValidationError(f"{key} is {value!r}; use 5 numbers for rings 1-5, each at most the one "
                                  f"before, e.g. {example}")
    elif key == "cadence_days":
        if not isinstance(value, dict):
            raise ValidationError(f"cadence_days is {value!r}; use an object of ring (1-6) -> days or null")
        for ring, days in value.items():
            if str(ring) not in {"1", "2", "3", "4", "5", "6"}:
                raise ValidationError(f"cadence_days has ring {ring!r}; rings are 1 to 6")
            if days is not None and not _is_number(days, positive=True):
                raise ValidationError(f"cadence_days[{ring!r}] is {days!r}; use days above 0, or null for none")
    elif key == "caps":
        if not isinstance(value, dict):
            raise ValidationError(f"caps is {value!r}; use an object of checklist -> maximum items")
        for name, cap in value.items():
            if name not in DEFAULTS["caps"]:
                raise ValidationError(f"caps has unknown checklist {name!r}; allowed: {', '.join(DEFAULTS['caps'])}")
            if not isinstance(cap, int) or isinstance(cap, bool) or cap < 0:
                raise ValidationError(f"caps[{name!r}] is {cap!r}; use a whole number of 0 or more")
    elif key == "goals":
        if not isinstance(value, list):
            raise ValidationError(f"goals is {value!r}; use a list of goal objects")
        for i, goal in enumerate(value):
            _check_goal(goal, i)


def merge(user_settings: dict | None = None) -> dict:
    """:data:`DEFAULTS` with ``user_settings`` laid over them, each one validated.

    Keys the garden does not know pass through unchecked (:func:`validate` still rejects
    them, for the CLI). Dict-valued settings (``kind_weights``, ``cadence_days``,
    ``caps``...) merge key by key, so ``{"caps": {"water": 5}}`` keeps the other caps. Ring keys of
    ``cadence_days`` are normalised to strings (JSON keeps them so).

    >>> merge({"caps": {"water": 5}})["caps"]["reconnect"]
    3
    """
    merged = copy.deepcopy(DEFAULTS)
    for key, value in (user_settings or {}).items():
        if key not in DEFAULTS:  # another part's setting (the map's, the CLI's): kept, not checked here
            merged[key] = copy.deepcopy(value)
            continue
        if key == "demo":  # written by Store.mark_demo only
            merged[key] = bool(value)
            continue
        validate(key, value)
        if isinstance(DEFAULTS[key], dict):
            if key == "cadence_days":
                value = {str(k): v for k, v in value.items()}
            merged[key].update(copy.deepcopy(value))
        else:
            merged[key] = copy.deepcopy(value)
    return merged
