-- A counter that every change to the charted data bumps, so each app server can tell
-- whether its cached charts are still current with one cheap read.
CREATE TABLE data_generation (value BIGINT NOT NULL);
INSERT INTO data_generation (value) VALUES (0);

CREATE FUNCTION bump_data_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE data_generation SET value = value + 1;
    RETURN NULL;
END;
$$;

-- Once per statement, so a bulk import bumps it once.
CREATE TRIGGER networks_generation AFTER INSERT OR UPDATE OR DELETE ON networks
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_generation();
CREATE TRIGGER responses_generation AFTER INSERT OR UPDATE OR DELETE ON responses
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_generation();
CREATE TRIGGER editions_generation AFTER INSERT OR UPDATE OR DELETE ON editions
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_generation();
