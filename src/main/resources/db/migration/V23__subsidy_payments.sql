-- Subsidies as the finance bureau pays them (issue 16): a batch is checked before it leaves (待核对), each
-- household's payment has its own result (PAID / FAILED, with date, voucher and reason), a failed household (欠发)
-- joins a later batch, so a household may now be in several batches but is paid at most once.
ALTER TABLE subsidy_batch DROP CONSTRAINT subsidy_batch_status_check;
ALTER TABLE subsidy_batch ADD CONSTRAINT subsidy_batch_status_check
    CHECK (status IN ('COMPOSED', 'IN_REVIEW', 'SENT', 'EXPORTED', 'PARTLY_DONE', 'DONE'));
ALTER TABLE subsidy_batch ADD COLUMN process_instance_id VARCHAR(64);
ALTER TABLE subsidy_batch ADD COLUMN reviewed_by VARCHAR(64);
ALTER TABLE subsidy_batch ADD COLUMN finance_reviewed_by VARCHAR(64);
ALTER TABLE subsidy_batch ADD COLUMN exported_at TIMESTAMP;
ALTER TABLE subsidy_batch ADD COLUMN done_at TIMESTAMP;
CREATE INDEX subsidy_batch_process_idx ON subsidy_batch (process_instance_id);

-- the lines get a result each; rebuilt without the one-batch-per-household unique key
CREATE TABLE subsidy_payment (
    batch_id        BIGINT         NOT NULL REFERENCES subsidy_batch (id),
    household_id    BIGINT         NOT NULL REFERENCES household (id),
    planted_mu      NUMERIC(10, 2) NOT NULL,
    amount          NUMERIC(12, 2) NOT NULL,
    composed_amount NUMERIC(12, 2) NOT NULL,
    adjust_reason   VARCHAR(200),
    status          VARCHAR(16)    DEFAULT 'PENDING' NOT NULL,
    hold_reason     VARCHAR(200),
    paid_on         DATE,
    voucher_no      VARCHAR(64),
    fail_reason     VARCHAR(200),
    result_at       TIMESTAMP,
    CONSTRAINT subsidy_payment_pk PRIMARY KEY (batch_id, household_id),
    CONSTRAINT subsidy_payment_status_check CHECK (status IN ('PENDING', 'HELD_BACK', 'PAID', 'FAILED'))
);
INSERT INTO subsidy_payment (batch_id, household_id, planted_mu, amount, composed_amount, status, result_at)
SELECT l.batch_id, l.household_id, l.planted_mu, l.amount, l.amount, 'PAID', b.sent_at
FROM subsidy_line l JOIN subsidy_batch b ON b.id = l.batch_id WHERE b.status = 'SENT';
INSERT INTO subsidy_payment (batch_id, household_id, planted_mu, amount, composed_amount, status)
SELECT l.batch_id, l.household_id, l.planted_mu, l.amount, l.amount, 'PENDING'
FROM subsidy_line l JOIN subsidy_batch b ON b.id = l.batch_id WHERE b.status <> 'SENT';
UPDATE subsidy_batch SET status = 'DONE', done_at = sent_at WHERE status = 'SENT';
DROP TABLE subsidy_line;
CREATE INDEX subsidy_payment_household_idx ON subsidy_payment (household_id, status);

-- what the bank needs to pay a household's 一卡通 (social security card): personal data, kept here only,
-- never in process variables, logs or the audit trail
CREATE TABLE payment_account (
    household_id    BIGINT       NOT NULL PRIMARY KEY REFERENCES household (id),
    account_holder  VARCHAR(50)  NOT NULL,
    account_no      VARCHAR(32)  NOT NULL,
    bank            VARCHAR(50),
    updated_by      VARCHAR(64),
    updated_at      TIMESTAMP    NOT NULL
);
