-- notifications are addressed to a subject (an opinion, a proposal, a problem, ...) named by the feature that
-- owns it, instead of an opinion id; rows written before keep their opinion as subject 'opinion'
ALTER TABLE notification ADD COLUMN subject_kind VARCHAR(32);
ALTER TABLE notification ADD COLUMN subject_id VARCHAR(64);
UPDATE notification SET subject_kind = 'opinion', subject_id = CAST(opinion_id AS VARCHAR(64))
    WHERE opinion_id IS NOT NULL;
DROP INDEX notification_opinion_idx;
ALTER TABLE notification DROP COLUMN opinion_id;
CREATE INDEX notification_subject_idx ON notification (subject_kind, subject_id, created_at);
