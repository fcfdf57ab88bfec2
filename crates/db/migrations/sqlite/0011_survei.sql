-- SKM survey definitions, single-use tokens and local answers (issue 3 §1, §2).
-- A definition (JSON of bangkom_core::skm::Definisi) per key: '*' = the province default,
-- 'u<unit_id>' = a unit, 'u<unit_id>/<layanan>' = a unit's service type. The nine standard
-- questions are never stored here (REFERENCE §1.3): only what REFERENCE marks configurable.
CREATE TABLE skm_definisi (
    kunci   TEXT PRIMARY KEY,
    unit_id INTEGER REFERENCES org (org_id),
    layanan TEXT,
    isi     TEXT NOT NULL,
    diubah  TEXT NOT NULL
);
-- One token per service transaction; only the SHA-256 of the printed code is kept.
-- A used token points at the one response it gave.
CREATE TABLE skm_token (
    token_hash  TEXT PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES org (org_id),
    layanan     TEXT,
    tiket       TEXT,
    dibuat      TEXT NOT NULL,
    kedaluwarsa TEXT NOT NULL,
    dipakai     TEXT,
    respons_id  INTEGER UNIQUE REFERENCES skm_respons (respons_id)
);
CREATE INDEX skm_token_unit_tiket ON skm_token (unit_id, tiket);
-- Answers to a definition's local questions: kept apart from skm_respons so that the IKM
-- (which reads only the nine unsur columns) can never include them.
CREATE TABLE skm_jawaban_lokal (
    respons_id INTEGER NOT NULL REFERENCES skm_respons (respons_id),
    kode       TEXT NOT NULL,
    pertanyaan TEXT NOT NULL,
    skala      INTEGER CHECK (skala BETWEEN 1 AND 4),
    teks       TEXT,
    PRIMARY KEY (respons_id, kode)
);
