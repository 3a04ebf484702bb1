-- HsActors schema, version 1: importer statistics, the override table, the audit trail, stream offsets.
-- Keys use the "C" collation so that PostgreSQL orders and compares them byte-wise, exactly as the silo's
-- ordinal string comparisons do.

-- One row per importer: totals and the time span it was seen in.
CREATE TABLE importer_totals (
    importer_id  text COLLATE "C" PRIMARY KEY,
    declarations bigint NOT NULL,
    assessments  bigint NOT NULL,
    corrections  bigint NOT NULL,
    first_seen   timestamptz NOT NULL,
    last_seen    timestamptz NOT NULL
);

-- Per importer and key: how often and when last. kind: 'c' HS code, 'h' chapter, 'a' agent, 'o' origin country.
CREATE TABLE importer_tallies (
    importer_id text COLLATE "C" NOT NULL,
    kind        text COLLATE "C" NOT NULL CHECK (kind IN ('c', 'h', 'a', 'o')),
    key         text COLLATE "C" NOT NULL,
    count       bigint NOT NULL,
    last_seen   timestamptz NOT NULL,
    PRIMARY KEY (importer_id, kind, key)
);

-- The override table. importer_id '' stands for "every importer" (a primary key column cannot be null).
CREATE TABLE officer_overrides (
    normalized_description text COLLATE "C" NOT NULL,
    importer_id            text COLLATE "C" NOT NULL,
    code                   text NOT NULL,
    assessment_id          text COLLATE "C" NOT NULL,
    officer_id             text NOT NULL,
    assessed_at            timestamptz NOT NULL,
    PRIMARY KEY (normalized_description, importer_id)
);

-- The audit trail; seq orders entries written in the same microsecond and makes paging stable.
CREATE TABLE audit_entries (
    seq     bigint GENERATED ALWAYS AS IDENTITY,
    id      text COLLATE "C" PRIMARY KEY,
    kind    text NOT NULL,
    at      timestamptz NOT NULL,
    actor   text NOT NULL,
    subject text COLLATE "C" NOT NULL,
    details jsonb NOT NULL
);
CREATE INDEX audit_entries_at ON audit_entries (at, seq);
CREATE INDEX audit_entries_subject_at ON audit_entries (subject, at, seq);
CREATE INDEX audit_entries_kind_at ON audit_entries (kind, at, seq);

-- Next offset of each named stream consumer.
CREATE TABLE stream_offsets (
    consumer    text COLLATE "C" PRIMARY KEY,
    next_offset bigint NOT NULL CHECK (next_offset >= 0),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
