-- Deputies (人大代表) as people: the Camunda users of group deputies, with their level, sector and phone. The name
-- stays in Camunda (one place for Tasklist, Cockpit and the platform). The phone is personal data: it stays in this
-- table, is returned masked only, and never goes into process variables or logs.
CREATE TABLE deputy (
    user_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
    level       VARCHAR(16)  NOT NULL,
    sector      VARCHAR(50)  NOT NULL,
    phone       VARCHAR(20),
    updated_by  VARCHAR(64),
    updated_at  TIMESTAMP    NOT NULL,
    CONSTRAINT deputy_level_check CHECK (level IN ('NATIONAL', 'PROVINCIAL', 'CITY', 'COUNTY', 'TOWNSHIP'))
);

-- the role of a deputy stationed at a station (驻站代表): 站长, 副站长 or 驻站代表; rows of earlier versions are members.
-- At most one head per station, also under concurrent changes: head_of is the station's code on its head's row and
-- NULL on every other row, and is unique (NULLs are distinct in H2 and PostgreSQL alike, no partial index needed).
ALTER TABLE station_deputy ADD COLUMN role VARCHAR(16) DEFAULT 'MEMBER' NOT NULL;
ALTER TABLE station_deputy ADD COLUMN head_of VARCHAR(64);
ALTER TABLE station_deputy ADD CONSTRAINT station_deputy_role_check
    CHECK (role IN ('HEAD', 'DEPUTY_HEAD', 'MEMBER'));
ALTER TABLE station_deputy ADD CONSTRAINT station_deputy_head_of_check
    CHECK ((role = 'HEAD' AND head_of = station_code) OR (role <> 'HEAD' AND head_of IS NULL));
ALTER TABLE station_deputy ADD CONSTRAINT station_deputy_one_head_uk UNIQUE (head_of);
CREATE INDEX station_deputy_deputy_idx ON station_deputy (deputy_user_id);
