-- Survey requests (issue #6): who was asked, how to reach them, and with which account.
-- The same statements on both backends; keep ../postgres/0003_requests.sql in step.
-- An invitation is the request to one network in one edition (see 0001 for its outcome).

ALTER TABLE invitations ADD COLUMN organisation   TEXT NOT NULL DEFAULT '';  -- 組織名 as listed
ALTER TABLE invitations ADD COLUMN postal_address TEXT NOT NULL DEFAULT '';  -- 住所, for the letter
ALTER TABLE invitations ADD COLUMN email          TEXT NOT NULL DEFAULT '';
-- The account issued for this request (NULL for networks asked before the console).
ALTER TABLE invitations ADD COLUMN respondent_id  BIGINT REFERENCES respondents (id);
-- Identity of an imported row within the edition, so that importing a list again
-- adds nothing twice: the prefecture and the folded network name (see store/requests.rs).
ALTER TABLE invitations ADD COLUMN import_key     TEXT;
CREATE UNIQUE INDEX invitations_import_key ON invitations (edition_id, import_key);
CREATE INDEX invitations_edition ON invitations (edition_id, outcome);
-- The audit page filters by actor, action and time.
CREATE INDEX audit_log_at ON audit_log (at);
