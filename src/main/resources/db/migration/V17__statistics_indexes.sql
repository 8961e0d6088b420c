-- Statistics of a period (GET /api/statistics, the dashboard, the work bulletin) read the period's opinions twice:
-- by origin (station, channel, category) and by handling (department, status, result, rating, deadlines). Each
-- pass is answered from one of these indexes alone (an index-only scan on PostgreSQL once the table is vacuumed),
-- so a year of a million opinions is read without touching the table. Plain multi-column indexes, as H2 and
-- PostgreSQL both accept them.
CREATE INDEX opinion_period_origin_idx ON opinion (submitted_at, station_code, channel, category);
CREATE INDEX opinion_period_handling_idx ON opinion (submitted_at, station_code, department_code, status, outcome,
    satisfaction, route, overdue, reopen_count, due_at, replied_at);

-- a department's hand-overs of one opinion (reference = the ticket number), for the ranking's 退回/改派 count
CREATE INDEX department_assignment_reference_idx ON department_assignment (operation, reference, department_code);

-- an opinion's replies by department, for the same count
CREATE INDEX opinion_reply_opinion_department_idx ON opinion_reply (opinion_id, department_code);

-- the period's problems, tasks, receptions' visits and inspections
CREATE INDEX rectification_problem_found_idx ON rectification_problem (found_on, task_id);
CREATE INDEX rectification_task_created_idx ON rectification_task (created_at, drive_id);
CREATE INDEX proposal_created_idx ON proposal (created_at, status, lead_deputy);
