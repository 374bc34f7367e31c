-- The data generation in which each network or its response last changed (inserted,
-- updated or deleted), so an app server that holds the charted responses of an older
-- generation re-reads only those networks (store::charts). One row per network, so it does
-- not grow with the number of saves. Keep in step with ../postgres/0007_network_changes.sql.
--
-- The stamp is one more than the generation before the write: writers are serialised, so it
-- is above every generation a reader could have seen without this write, and at most the
-- generation after it (each row written also bumps it). An upsert, not INSERT OR REPLACE:
-- a trigger's OR REPLACE gives way to the conflict policy of the statement that fired it
-- (e.g. the import's INSERT … ON CONFLICT DO UPDATE), which would fail.
CREATE TABLE network_changes (
    network_id  BIGINT PRIMARY KEY,
    changed_at  BIGINT NOT NULL
);
CREATE INDEX network_changes_at ON network_changes (changed_at);

CREATE TRIGGER networks_changes_insert AFTER INSERT ON networks BEGIN
    INSERT INTO network_changes (network_id, changed_at) VALUES (NEW.id, (SELECT value + 1 FROM data_generation))
        ON CONFLICT (network_id) DO UPDATE SET changed_at = excluded.changed_at;
END;
CREATE TRIGGER networks_changes_update AFTER UPDATE ON networks BEGIN
    INSERT INTO network_changes (network_id, changed_at) VALUES (NEW.id, (SELECT value + 1 FROM data_generation))
        ON CONFLICT (network_id) DO UPDATE SET changed_at = excluded.changed_at;
END;
CREATE TRIGGER networks_changes_delete AFTER DELETE ON networks BEGIN
    INSERT INTO network_changes (network_id, changed_at) VALUES (OLD.id, (SELECT value + 1 FROM data_generation))
        ON CONFLICT (network_id) DO UPDATE SET changed_at = excluded.changed_at;
END;
CREATE TRIGGER responses_changes_insert AFTER INSERT ON responses BEGIN
    INSERT INTO network_changes (network_id, changed_at) VALUES (NEW.network_id, (SELECT value + 1 FROM data_generation))
        ON CONFLICT (network_id) DO UPDATE SET changed_at = excluded.changed_at;
END;
CREATE TRIGGER responses_changes_update AFTER UPDATE ON responses BEGIN
    INSERT INTO network_changes (network_id, changed_at) VALUES (NEW.network_id, (SELECT value + 1 FROM data_generation))
        ON CONFLICT (network_id) DO UPDATE SET changed_at = excluded.changed_at;
END;
CREATE TRIGGER responses_changes_delete AFTER DELETE ON responses BEGIN
    INSERT INTO network_changes (network_id, changed_at) VALUES (OLD.network_id, (SELECT value + 1 FROM data_generation))
        ON CONFLICT (network_id) DO UPDATE SET changed_at = excluded.changed_at;
END;
