"""The store's schema and its migrations, one function per version step.

The version lives in SQLite's ``PRAGMA user_version``. A store at an older version is
copied aside (``garden.db.bak-v<N>``) and then migrated in place in one transaction; a
store from a newer netlib is refused untouched.
"""

from __future__ import annotations

__all__ = ["SCHEMA_VERSION", "MIGRATIONS"]

_V1 = """
CREATE TABLE people(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    first_name TEXT,
    last_name TEXT,
    company TEXT,
    position TEXT,
    linkedin_url TEXT,
    notes TEXT,
    birthday TEXT,
    since TEXT,
    ring_override INTEGER CHECK (ring_override BETWEEN 1 AND 6),
    cadence_override INTEGER CHECK (cadence_override > 0),
    name_key TEXT NOT NULL
);
CREATE INDEX people_linkedin ON people(linkedin_url);
CREATE INDEX people_name_key ON people(name_key);

CREATE TABLE imports(
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    kind TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    at TEXT NOT NULL,
    added INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0
);

-- Where each person came from: one row per source record that made or joined them.
CREATE TABLE sources(
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    import_id INTEGER REFERENCES imports(id),
    matched_by TEXT NOT NULL,
    record TEXT NOT NULL,
    UNIQUE(kind, key)
);
CREATE INDEX sources_person ON sources(person_id);

CREATE TABLE emails(
    email TEXT PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL
);
CREATE INDEX emails_person ON emails(person_id);

CREATE TABLE phones(
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    phone TEXT NOT NULL,
    source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
    PRIMARY KEY(person_id, phone)
);

CREATE TABLE tags(
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY(person_id, tag)
);

CREATE TABLE events(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    date TEXT NOT NULL,
    location TEXT,
    notes TEXT,
    key TEXT UNIQUE
);

CREATE TABLE event_people(
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    learned TEXT,
    followed_up INTEGER NOT NULL DEFAULT 0,
    followed_up_on TEXT,
    PRIMARY KEY(event_id, person_id)
);

CREATE TABLE interactions(
    id INTEGER PRIMARY KEY,
    date TEXT NOT NULL,
    kind TEXT NOT NULL,
    direction TEXT NOT NULL DEFAULT 'both' CHECK (direction IN ('out', 'in', 'both')),
    summary TEXT,
    event_id INTEGER REFERENCES events(id) ON DELETE SET NULL,
    source TEXT NOT NULL DEFAULT 'manual',
    key TEXT UNIQUE,
    import_id INTEGER REFERENCES imports(id)
);
CREATE INDEX interactions_date ON interactions(date);

CREATE TABLE participants(
    interaction_id INTEGER NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
    PRIMARY KEY(interaction_id, person_id)
);
CREATE INDEX participants_person ON participants(person_id);

-- Ties between two of your people (never you), a < b, one row per kind and source.
CREATE TABLE ties(
    a INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    b INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    source TEXT NOT NULL,
    since TEXT,
    weight REAL NOT NULL DEFAULT 1.0,
    PRIMARY KEY(a, b, kind, source),
    CHECK (a < b)
);
CREATE INDEX ties_b ON ties(b);

CREATE TABLE checklist(
    key TEXT NOT NULL,
    month TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('done', 'snoozed', 'dismissed')),
    until TEXT,
    at TEXT NOT NULL,
    PRIMARY KEY(key, month)
);

CREATE TABLE settings(
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


# Undo (netlib.store.undo makes its triggers from the tables' columns when a step opens)
# and hand merges (what moved, so 'netlib people split' can put it back).
_V2_UNDO_MERGES = """
CREATE TABLE undo_steps(
    id INTEGER PRIMARY KEY,
    command TEXT NOT NULL,
    at TEXT NOT NULL,
    first_seq INTEGER NOT NULL  -- its statements are at or after this seq of undo_log
);
CREATE TABLE undo_log(
    seq INTEGER PRIMARY KEY,
    step INTEGER NOT NULL,
    sql TEXT NOT NULL
);
-- deleting a person or a source (a delete, a split, undoing an import) finds what points at it
CREATE INDEX emails_source ON emails(source_id);
CREATE INDEX phones_source ON phones(source_id);
CREATE INDEX participants_source ON participants(source_id);
CREATE INDEX event_people_person ON event_people(person_id);

CREATE TABLE merges(
    id INTEGER PRIMARY KEY,
    keep_id INTEGER NOT NULL,
    other_id INTEGER NOT NULL,
    other_name TEXT NOT NULL,
    at TEXT NOT NULL,
    record TEXT NOT NULL,
    split_at TEXT
);
CREATE INDEX merges_keep ON merges(keep_id);
"""

# Plans: touchpoints you intend with a person on a future date (``netlib plan``).
_V3_PLANS = """
CREATE TABLE plans(
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    what TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'meeting',
    created TEXT NOT NULL,
    cancelled INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX plans_date ON plans(date);
"""

#: MIGRATIONS[n] takes a store from version n to n + 1.
MIGRATIONS = [_V1, _V2_UNDO_MERGES, _V3_PLANS]
SCHEMA_VERSION = len(MIGRATIONS)
