-- The data generation in which each network or its response last changed (inserted,
-- updated or deleted), so an app server that holds the charted responses of an older
-- generation re-reads only those networks (store::charts). One row per network, so it does
-- not grow with the number of saves. Keep in step with ../sqlite/0007_network_changes.sql.
CREATE TABLE network_changes (
    network_id  BIGINT PRIMARY KEY,
    changed_at  BIGINT NOT NULL
);
CREATE INDEX network_changes_at ON network_changes (changed_at);

-- The stamp is the generation this statement's bump will make. The counter's row is locked
-- first (the bump would lock it anyway) and stays locked until commit, so stamps follow the
-- commit order: a reader that sees generation g also sees every row stamped up to g.
CREATE FUNCTION note_network_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    network BIGINT;
    stamp BIGINT;
BEGIN
    -- Separate statements: each is planned only when it runs, so no field of the other
    -- table's rows is looked up.
    IF TG_TABLE_NAME = 'networks' THEN
        IF TG_OP = 'DELETE' THEN network := OLD.id; ELSE network := NEW.id; END IF;
    ELSE
        IF TG_OP = 'DELETE' THEN network := OLD.network_id; ELSE network := NEW.network_id; END IF;
    END IF;
    SELECT value + 1 INTO stamp FROM data_generation FOR UPDATE;
    INSERT INTO network_changes (network_id, changed_at) VALUES (network, stamp)
        ON CONFLICT (network_id) DO UPDATE SET changed_at = excluded.changed_at;
    RETURN NULL;
END;
$$;

CREATE TRIGGER networks_changes AFTER INSERT OR UPDATE OR DELETE ON networks
    FOR EACH ROW EXECUTE FUNCTION note_network_change();
CREATE TRIGGER responses_changes AFTER INSERT OR UPDATE OR DELETE ON responses
    FOR EACH ROW EXECUTE FUNCTION note_network_change();
