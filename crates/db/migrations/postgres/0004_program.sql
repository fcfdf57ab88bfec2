-- Development programs (formal training and experiential learning) and their participants; JP
-- are credited only to completed participation (REFERENCE §0 "JP and participation").
CREATE TABLE program (
    program_id    BIGSERIAL PRIMARY KEY,
    kode          TEXT NOT NULL UNIQUE,
    nama          TEXT NOT NULL,
    jalur         BIGINT NOT NULL CHECK (jalur BETWEEN 1 AND 25),
    penyelenggara TEXT NOT NULL,
    jp            BIGINT NOT NULL CHECK (jp >= 0),
    biaya         BIGINT NOT NULL DEFAULT 0 CHECK (biaya >= 0),
    kuota         BIGINT,
    mulai         DATE NOT NULL,
    selesai       DATE NOT NULL
);

CREATE TABLE peserta (
    peserta_id       BIGSERIAL PRIMARY KEY,
    program_id       BIGINT NOT NULL REFERENCES program (program_id),
    pegawai_id       BIGINT NOT NULL REFERENCES pegawai (pegawai_id),
    status           TEXT NOT NULL CHECK (status IN ('diusulkan', 'disetujui', 'ditolak', 'selesai', 'tidak_selesai')),
    jp_diakui        BIGINT NOT NULL DEFAULT 0 CHECK (jp_diakui >= 0),
    tanggal_selesai  DATE,
    nomor_sertifikat TEXT,
    UNIQUE (program_id, pegawai_id)
);
CREATE INDEX peserta_pegawai ON peserta (pegawai_id, status);
