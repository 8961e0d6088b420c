-- Statistics of a period (GET /api/statistics, the dashboard, the work bulletin) read the period's opinions in one
-- pass, answered from this index alone (an index-only scan on PostgreSQL once autovacuum has marked the pages
-- visible), so a year of a million opinions is read without touching the table. Plain multi-column indexes, as H2
-- and PostgreSQL both accept them.
CREATE INDEX opinion_period_idx ON opinion (submitted_at, station_code, channel, category, department_code, status,
    outcome, satisfaction, route, overdue, reopen_count, due_at, replied_at);

-- an opinion's hand-overs (reference = the ticket number) by department, for the ranking's 退回/改派 count
CREATE INDEX department_assignment_reference_idx ON department_assignment (operation, reference, department_code);

-- an opinion's replies by department, for the same count
CREATE INDEX opinion_reply_opinion_department_idx ON opinion_reply (opinion_id, department_code);

-- the period's problems, tasks and proposals; a campaign's households by where they stand
CREATE INDEX rectification_problem_found_idx ON rectification_problem (found_on, task_id);
CREATE INDEX rectification_task_created_idx ON rectification_task (created_at, drive_id);
CREATE INDEX proposal_created_idx ON proposal (created_at, status, lead_deputy);
CREATE INDEX household_progress_idx ON household (campaign_code, signed_at, planted_on, planted_mu, subsidised_at,
    status);
