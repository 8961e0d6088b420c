-- 改派 (reassignment) marked on the opinion itself, in the transaction of the hand-over that makes it (Opinions.assign):
-- TRUE once the opinion was handed to a department other than the one it held. The statistics' 退回/改派 count
-- ("returned") then looks up the hand-over records (department_assignment) of these few opinions only, instead of
-- scanning a whole period of hand-overs. The flag only narrows that lookup — the figure itself is still counted from
-- the hand-over and reply records — and it is derivable from them: the rebuild below (also run by
-- OpinionReassignedFlagTests) sets it for every opinion with a hand-over to a department that is not its
-- current one, the exact condition under which a hand-over can count as returned.
ALTER TABLE opinion ADD COLUMN reassigned BOOLEAN DEFAULT FALSE NOT NULL;

UPDATE opinion SET reassigned = TRUE
WHERE EXISTS (SELECT 1 FROM department_assignment a WHERE a.operation = 'ASSIGN_OPINION'
    AND a.reference = opinion.ticket_no
    AND (opinion.department_code IS NULL OR a.department_code <> opinion.department_code));

-- the period's reassigned opinions, by station: a short range of this index
CREATE INDEX opinion_reassigned_idx ON opinion (reassigned, submitted_at, station_code, department_code);
