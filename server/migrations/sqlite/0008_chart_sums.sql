-- Each edition's chart sums (app::charts::Stored: per atom of networks sharing region,
-- operator type and start year, every measure's sums; and each network's atom) as of a
-- data generation, so an app server that starts reads them instead of every response and
-- catches up from `network_changes` (store::charts). Written by app servers, never by a
-- write to the charted data, so no trigger bumps the data generation for it. Keep in step
-- with ../postgres/0008_chart_sums.sql.
CREATE TABLE chart_sums (
    edition_id  TEXT PRIMARY KEY REFERENCES editions (id) ON DELETE CASCADE,
    generation  BIGINT NOT NULL,
    data        BLOB NOT NULL
);
