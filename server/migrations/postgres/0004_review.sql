-- Staff review and exports. Keep in step with ../sqlite/0004_review.sql.

-- The answers as staff last reviewed them (approved or returned), so the review page can
-- show what changed since; NULL = never reviewed (every answer is new).
ALTER TABLE responses ADD COLUMN reviewed_answers TEXT;
ALTER TABLE responses ADD COLUMN reviewed_at BIGINT;

-- The review queue, and the data already approved (the 2012 import) as its own baseline.
CREATE INDEX responses_review ON responses (edition_id, needs_review);
UPDATE responses SET reviewed_answers = answers, reviewed_at = updated_at WHERE status = 'approved';

-- Exports page through networks in report order (report number, then networks added later).
CREATE INDEX networks_report_order ON networks ((COALESCE(report_no, 1000000000 + id)));
