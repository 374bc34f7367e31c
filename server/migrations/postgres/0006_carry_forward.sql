-- Item keys whose answers were carried forward from the previous edition and are not yet
-- confirmed by the respondent (JSON array of keys).
ALTER TABLE responses ADD COLUMN unconfirmed TEXT NOT NULL DEFAULT '[]';
