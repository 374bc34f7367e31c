-- The audit log refuses TRUNCATE too (0001's trigger covers UPDATE and DELETE row by row;
-- TRUNCATE fires only statement-level triggers).
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
