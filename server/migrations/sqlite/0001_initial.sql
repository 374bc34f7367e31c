-- Renkei schema, SQLite flavour. Keep in step with ../postgres/0001_initial.sql.
-- Times are Unix seconds (BIGINT); flags are 0/1; answers and disclosure are JSON text
-- keyed by the questionnaire definition, so a new edition needs no schema change.

CREATE TABLE editions (
    id          TEXT PRIMARY KEY,              -- the survey year, '2012'
    position    BIGINT NOT NULL UNIQUE,        -- order of editions
    status      TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
    definition  TEXT,                          -- JSON Edition; NULL = built into the code
    created_at  BIGINT NOT NULL
);

CREATE TABLE networks (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    report_no      BIGINT UNIQUE,              -- the report's own number (別添1), if any
    prefecture     TEXT NOT NULL,
    operator_type  TEXT,                       -- staff classification, OperatorType key
    regional_fund  BIGINT NOT NULL DEFAULT 0,  -- 地域医療再生基金 used
    -- Denormalised from the latest response's section A, for the directory.
    name           TEXT NOT NULL,
    nickname       TEXT NOT NULL DEFAULT '',
    start_year     BIGINT,
    created_at     BIGINT NOT NULL
);

CREATE TABLE responses (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    network_id    BIGINT NOT NULL REFERENCES networks (id),
    edition_id    TEXT NOT NULL REFERENCES editions (id),
    answers       TEXT NOT NULL DEFAULT '{}',
    disclosure    TEXT NOT NULL DEFAULT '{}',
    status        TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'approved')),
    review_note   TEXT NOT NULL DEFAULT '',
    needs_review  BIGINT NOT NULL DEFAULT 0,
    version       BIGINT NOT NULL DEFAULT 1,   -- bumped by every save; stale saves are refused
    updated_at    BIGINT NOT NULL,
    UNIQUE (network_id, edition_id)
);
CREATE INDEX responses_edition ON responses (edition_id);

CREATE TABLE respondents (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    login          TEXT NOT NULL UNIQUE,
    password_hash  TEXT NOT NULL,              -- argon2id PHC string
    disabled       BIGINT NOT NULL DEFAULT 0,
    created_at     BIGINT NOT NULL
);

CREATE TABLE respondent_networks (
    respondent_id  BIGINT NOT NULL REFERENCES respondents (id),
    network_id     BIGINT NOT NULL REFERENCES networks (id),
    PRIMARY KEY (respondent_id, network_id)
);

CREATE TABLE staff (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    login          TEXT NOT NULL UNIQUE,
    password_hash  TEXT NOT NULL,
    disabled       BIGINT NOT NULL DEFAULT 0,
    created_at     BIGINT NOT NULL
);

-- Sessions live in the database so that several app servers can share them.
CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,              -- SHA-256 of the cookie value, never the value
    role        TEXT NOT NULL CHECK (role IN ('respondent', 'staff')),
    user_id     BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL                -- idle expiry, pushed forward on use
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Failed logins, per account and per client address, for throttling across servers.
CREATE TABLE login_failures (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    scope     TEXT NOT NULL,                   -- 'login:<id>' or 'ip:<address>'
    at        BIGINT NOT NULL
);
CREATE INDEX login_failures_scope ON login_failures (scope, at);

-- Report 1.5: requested -> replied -> valid, or refused / declined with a reason.
CREATE TABLE invitations (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    network_id    BIGINT NOT NULL REFERENCES networks (id),
    edition_id    TEXT NOT NULL REFERENCES editions (id),
    requested_at  BIGINT,
    replied_at    BIGINT,
    outcome       TEXT NOT NULL DEFAULT 'pending'
                  CHECK (outcome IN ('pending', 'valid', 'refused', 'declined')),
    outcome_at    BIGINT,
    reason        TEXT NOT NULL DEFAULT '',
    UNIQUE (network_id, edition_id)
);

-- Append-only: who did what, when, and what changed from what to what.
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       BIGINT NOT NULL,
    actor    TEXT NOT NULL,                    -- 'system', 'cli', 'staff:<id>', 'respondent:<id>'
    action   TEXT NOT NULL,
    subject  TEXT NOT NULL DEFAULT '',
    detail   TEXT NOT NULL DEFAULT '{}'        -- JSON
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
