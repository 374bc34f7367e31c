-- A counter that every change to the charted data bumps, so each app server can tell
-- whether its cached charts are still current with one cheap read.
CREATE TABLE data_generation (value BIGINT NOT NULL);
INSERT INTO data_generation (value) VALUES (0);

CREATE TRIGGER networks_generation_insert AFTER INSERT ON networks BEGIN UPDATE data_generation SET value = value + 1; END;
CREATE TRIGGER networks_generation_update AFTER UPDATE ON networks BEGIN UPDATE data_generation SET value = value + 1; END;
CREATE TRIGGER networks_generation_delete AFTER DELETE ON networks BEGIN UPDATE data_generation SET value = value + 1; END;
CREATE TRIGGER responses_generation_insert AFTER INSERT ON responses BEGIN UPDATE data_generation SET value = value + 1; END;
CREATE TRIGGER responses_generation_update AFTER UPDATE ON responses BEGIN UPDATE data_generation SET value = value + 1; END;
CREATE TRIGGER responses_generation_delete AFTER DELETE ON responses BEGIN UPDATE data_generation SET value = value + 1; END;
CREATE TRIGGER editions_generation_insert AFTER INSERT ON editions BEGIN UPDATE data_generation SET value = value + 1; END;
CREATE TRIGGER editions_generation_update AFTER UPDATE ON editions BEGIN UPDATE data_generation SET value = value + 1; END;
CREATE TRIGGER editions_generation_delete AFTER DELETE ON editions BEGIN UPDATE data_generation SET value = value + 1; END;
