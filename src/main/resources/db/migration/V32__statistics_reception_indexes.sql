-- The statistics' receptions of a period (GET /api/statistics): the period's opened sessions found by start time from
-- this index alone (before: every session of every year read), then their visits.
CREATE INDEX reception_period_idx ON reception (starts_at, station_code, status, id);
