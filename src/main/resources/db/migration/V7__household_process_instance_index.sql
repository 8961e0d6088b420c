-- Every step of a household's sign-off finds its household by the process instance it runs in (never by a
-- variable a user could set): that lookup must not scan the ledger.
CREATE INDEX household_process_instance_idx ON household (process_instance_id);
