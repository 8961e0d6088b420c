-- Retention of personal data (个人信息保护): the daily job blanks contact data a while after the item ended.
-- One row per scheduled job: a node claims today's run with one conditional UPDATE (last_run_on < today), so on
-- several nodes sharing the database exactly one runs it per day.
CREATE TABLE scheduled_run (
  job          VARCHAR(64)   NOT NULL PRIMARY KEY,
  last_run_on  DATE,
  last_run_by  VARCHAR(100),
  last_run_at  TIMESTAMP
);
INSERT INTO scheduled_run (job) VALUES ('retention');

-- the job looks for ended items that still hold contact data
CREATE INDEX opinion_retention_idx ON opinion (closed_at);
CREATE INDEX household_retention_idx ON household (crossed_off_at);
