-- 代表码: each deputy's own public code (/d/{code}, its QR and printable card). Random, not derived from the user id,
-- so it cannot be guessed or enumerated; stable once given (filled by DeputyCodes for deputies of earlier versions).
ALTER TABLE deputy ADD COLUMN public_code VARCHAR(16);
ALTER TABLE deputy ADD CONSTRAINT deputy_public_code_uk UNIQUE (public_code);

-- an opinion sent to a deputy (through the deputy's code, or chosen on a station's page): the deputy answers first
-- (代表先行答复). deputy_action: ANSWER, FORWARD, TO_PROPOSAL or TIMED_OUT (moved to the station's staff by itself).
ALTER TABLE opinion ADD COLUMN deputy_user_id VARCHAR(64);
ALTER TABLE opinion ADD COLUMN deputy_action VARCHAR(16);
ALTER TABLE opinion ADD COLUMN deputy_responded_at TIMESTAMP;
ALTER TABLE opinion ADD CONSTRAINT opinion_deputy_action_check
    CHECK (deputy_action IS NULL OR deputy_action IN ('ANSWER', 'FORWARD', 'TO_PROPOSAL', 'TIMED_OUT'));
CREATE INDEX opinion_deputy_idx ON opinion (deputy_user_id, submitted_at);
