-- Ticket numbers YJyyyyMMdd-nnnn from a sequence, so concurrent submissions (on any number of nodes) never wait
-- for each other: a day's number is the sequence value minus the day's base, recorded by the day's first
-- submission. Days already counted in ticket_counter go on after their last number.
CREATE SEQUENCE ticket_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE ticket_day (
  counter_day DATE PRIMARY KEY,
  base BIGINT NOT NULL
);

-- the next value of the sequence is 1: the day's next number is last_no + 1
INSERT INTO ticket_day (counter_day, base) SELECT counter_day, 0 - last_no FROM ticket_counter;

DROP TABLE ticket_counter;
