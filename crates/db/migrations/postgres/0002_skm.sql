-- SKM (PermenPANRB 14/2017): questionnaires keyed by unsur name (REFERENCE §0.1), each answer
-- 1..4 or NULL = not answered (§0.2). Responses are never deleted: an administrator may exclude
-- one from the index with a reason (audited).
CREATE TABLE skm_respons (
    respons_id     BIGSERIAL PRIMARY KEY,
    unit_id        BIGINT NOT NULL REFERENCES org (org_id),
    layanan        TEXT,
    tanggal        DATE NOT NULL,
    jenis_kelamin  TEXT CHECK (jenis_kelamin IN ('L', 'P')),
    umur           BIGINT,
    pendidikan     TEXT,
    pekerjaan      TEXT,
    persyaratan    BIGINT CHECK (persyaratan BETWEEN 1 AND 4),
    prosedur       BIGINT CHECK (prosedur BETWEEN 1 AND 4),
    waktu          BIGINT CHECK (waktu BETWEEN 1 AND 4),
    biaya          BIGINT CHECK (biaya BETWEEN 1 AND 4),
    produk         BIGINT CHECK (produk BETWEEN 1 AND 4),
    kompetensi     BIGINT CHECK (kompetensi BETWEEN 1 AND 4),
    perilaku       BIGINT CHECK (perilaku BETWEEN 1 AND 4),
    pengaduan      BIGINT CHECK (pengaduan BETWEEN 1 AND 4),
    sarana         BIGINT CHECK (sarana BETWEEN 1 AND 4),
    saran          TEXT,
    sumber         TEXT NOT NULL CHECK (sumber IN ('web', 'kertas', 'impor')),
    dikecualikan   BOOLEAN NOT NULL DEFAULT FALSE,
    alasan_kecuali TEXT,
    dibuat         TIMESTAMPTZ NOT NULL
);
CREATE INDEX skm_respons_unit_tanggal ON skm_respons (unit_id, tanggal);
CREATE INDEX skm_respons_tanggal ON skm_respons (tanggal);
