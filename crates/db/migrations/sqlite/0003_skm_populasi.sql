-- Service users of a unit in a period: the population N of the Krejcie & Morgan minimum sample
-- (REFERENCE §0.8). Entered by operators until service transactions provide it.
CREATE TABLE skm_populasi (
    unit_id  INTEGER NOT NULL REFERENCES org (org_id),
    mulai    TEXT NOT NULL,
    selesai  TEXT NOT NULL,
    populasi INTEGER NOT NULL CHECK (populasi >= 0),
    PRIMARY KEY (unit_id, mulai, selesai)
);
