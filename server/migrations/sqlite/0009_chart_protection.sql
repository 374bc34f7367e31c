-- Each edition's protection memo (app::charts::Memo: what disclosure control hid in each
-- family of chart values, by a digest of that family's whole input and of the code), so
-- an app server that starts, or another on the same database, takes the hides of every
-- family whose input is unchanged instead of solving its linear programs again
-- (store::charts). Written by app servers, like chart_sums. Keep in step with
-- ../postgres/0009_chart_protection.sql.
CREATE TABLE chart_protection (
    edition_id  TEXT PRIMARY KEY REFERENCES editions (id) ON DELETE CASCADE,
    data        BLOB NOT NULL
);
