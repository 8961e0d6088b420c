-- Departments (承办部门) are data: each has a Camunda group whose members work its tasks.
-- More departments are added here or through the admin API, not in code.
CREATE TABLE department (
    code            VARCHAR(64)   NOT NULL PRIMARY KEY,
    name            VARCHAR(100)  NOT NULL,
    group_id        VARCHAR(64)   NOT NULL UNIQUE,
    channel         VARCHAR(16)   DEFAULT 'INBOX' NOT NULL,
    endpoint        VARCHAR(500),
    timeout_millis  INTEGER       DEFAULT 10000 NOT NULL,
    secret          VARCHAR(500),
    active          BOOLEAN       DEFAULT TRUE NOT NULL,
    sort_order      INTEGER       DEFAULT 0 NOT NULL,
    created_at      TIMESTAMP     DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP     DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT department_channel_check CHECK (channel IN ('INBOX', 'HTTP'))
);

INSERT INTO department (code, name, group_id, sort_order) VALUES
    ('dept-finance',           '县财政局',     'dept-finance',           10),
    ('dept-agriculture',       '县农业农村局', 'dept-agriculture',       20),
    ('dept-water',             '县水利局',     'dept-water',             30),
    ('dept-natural-resources', '县自然资源局', 'dept-natural-resources', 40),
    ('dept-housing',           '县住建局',     'dept-housing',           50),
    ('dept-market',            '县市场监管局', 'dept-market',            60),
    ('dept-industry',          '县工信局',     'dept-industry',          70),
    ('dept-town',              '镇政府',       'dept-town',              80);
