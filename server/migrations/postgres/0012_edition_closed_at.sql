-- Readonly views (issue 18): when an edition closed, shown to respondents once it has.
-- Set when staff close an edition (or open another), NULL again when it reopens.
-- The same statement on both backends; keep ../sqlite/0012_edition_closed_at.sql in step.
ALTER TABLE editions ADD COLUMN closed_at BIGINT;
