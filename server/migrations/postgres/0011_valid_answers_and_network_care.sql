-- Year two (issue #17): which responses count, decisions tied to a version, and the
-- staff's care of networks (new ones checked, duplicates merged, removals).
-- The same statements on both backends; keep ../sqlite/0011_valid_answers_and_network_care.sql in step.

-- When a response is a valid answer (counted in charts, shown to the public):
-- 'approved' (staff approved it) or 'submitted' (submitted and not returned).
ALTER TABLE editions ADD COLUMN valid_rule TEXT NOT NULL DEFAULT 'approved'
    CHECK (valid_rule IN ('approved', 'submitted'));
-- The version staff last decided on: a second decision on it is refused.
ALTER TABLE responses ADD COLUMN decided_version BIGINT;
UPDATE responses SET decided_version = version WHERE reviewed_at IS NOT NULL;

-- A network a respondent registered waits in the staff's queue until checked.
ALTER TABLE networks ADD COLUMN needs_check BIGINT NOT NULL DEFAULT 0;
-- Removed by staff (with a reason): its public page answers 410 Gone.
ALTER TABLE networks ADD COLUMN removed_at BIGINT;
ALTER TABLE networks ADD COLUMN removed_reason TEXT NOT NULL DEFAULT '';
-- Merged into another network (a duplicate): removed too, pointing at the one kept.
ALTER TABLE networks ADD COLUMN merged_into BIGINT REFERENCES networks (id);
