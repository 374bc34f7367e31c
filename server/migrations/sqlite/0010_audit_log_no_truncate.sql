-- Kept in step with postgres/0010: SQLite has no TRUNCATE (a DELETE without WHERE, its
-- nearest form, is already refused by 0001's trigger), so there is nothing to add.
SELECT 1;
