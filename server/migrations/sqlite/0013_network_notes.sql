-- Staff's notes on a network (issues 21 and 23): a contact log, and what an import could
-- not store as an answer. Staff only. Keep ../postgres/0013_network_notes.sql in step.
CREATE TABLE network_notes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    network_id  BIGINT NOT NULL REFERENCES networks (id),
    at          BIGINT NOT NULL,
    author      TEXT NOT NULL,                 -- 'system', 'cli' or 'staff:<id>', as audit_log.actor
    channel     TEXT NOT NULL CHECK (channel IN ('note', 'phone', 'email', 'post', 'visit')),
    note        TEXT NOT NULL
);
CREATE INDEX network_notes_network ON network_notes (network_id, at);
