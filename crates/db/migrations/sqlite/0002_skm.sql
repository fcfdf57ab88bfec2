-- SKM (PermenPANRB 14/2017): questionnaires keyed by unsur name (REFERENCE §0.1), each answer
-- 1..4 or NULL = not answered (§0.2). Responses are never deleted: an administrator may exclude
-- one from the index with a reason (audited).
CREATE TABLE skm_respons (
    respons_id     INTEGER PRIMARY KEY,
    unit_id        INTEGER NOT NULL REFERENCES org (org_id),
    layanan        TEXT,
    tanggal        TEXT NOT NULL,
    jenis_kelamin  TEXT CHECK (jenis_kelamin IN ('L', 'P')),
    umur           INTEGER,
    pendidikan     TEXT,
    pekerjaan      TEXT,
    persyaratan    INTEGER CHECK (persyaratan BETWEEN 1 AND 4),
    prosedur       INTEGER CHECK (prosedur BETWEEN 1 AND 4),
    waktu          INTEGER CHECK (waktu BETWEEN 1 AND 4),
    biaya          INTEGER CHECK (biaya BETWEEN 1 AND 4),
    produk         INTEGER CHECK (produk BETWEEN 1 AND 4),
    kompetensi     INTEGER CHECK (kompetensi BETWEEN 1 AND 4),
    perilaku       INTEGER CHECK (perilaku BETWEEN 1 AND 4),
    pengaduan      INTEGER CHECK (pengaduan BETWEEN 1 AND 4),
    sarana         INTEGER CHECK (sarana BETWEEN 1 AND 4),
    saran          TEXT,
    sumber         TEXT NOT NULL CHECK (sumber IN ('web', 'kertas', 'impor')),
    dikecualikan   INTEGER NOT NULL DEFAULT 0,
    alasan_kecuali TEXT,
    dibuat         TEXT NOT NULL
);
CREATE INDEX skm_respons_unit_tanggal ON skm_respons (unit_id, tanggal);
CREATE INDEX skm_respons_tanggal ON skm_respons (tanggal);
