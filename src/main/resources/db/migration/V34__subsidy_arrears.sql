-- Arrears after the campaign's final batch (补发批次) and households whose subsidy is not paid at all (不予发放).
-- A batch says what it is: a batch of the subsidy cycle, the campaign's final batch, or an arrears batch that
-- pays, after the final one, the households whose payment failed and whose account was corrected.
ALTER TABLE subsidy_batch ADD COLUMN kind VARCHAR(16) DEFAULT 'REGULAR' NOT NULL;
ALTER TABLE subsidy_batch ADD CONSTRAINT subsidy_batch_kind_check CHECK (kind IN ('REGULAR', 'FINAL', 'ARREARS'));

-- a planted household staff decided not to pay (e.g. 户主已故, 放弃补贴), with the reason; the batches keep what
-- happened to its payments, this row says the household is owed nothing more
CREATE TABLE subsidy_write_off (
    household_id    BIGINT         NOT NULL PRIMARY KEY REFERENCES household (id),
    amount          NUMERIC(12, 2) NOT NULL,
    reason          VARCHAR(200)   NOT NULL,
    written_off_by  VARCHAR(64)    NOT NULL,
    written_off_at  TIMESTAMP      NOT NULL
);
