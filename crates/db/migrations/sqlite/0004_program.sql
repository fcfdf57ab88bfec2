-- Development programs (formal training and experiential learning) and their participants; JP
-- are credited only to completed participation (REFERENCE §0 "JP and participation").
CREATE TABLE program (
    program_id    INTEGER PRIMARY KEY,
    kode          TEXT NOT NULL UNIQUE,
    nama          TEXT NOT NULL,
    jalur         INTEGER NOT NULL CHECK (jalur BETWEEN 1 AND 25),
    penyelenggara TEXT NOT NULL,
    jp            INTEGER NOT NULL CHECK (jp >= 0),
    biaya         INTEGER NOT NULL DEFAULT 0 CHECK (biaya >= 0),
    kuota         INTEGER,
    mulai         TEXT NOT NULL,
    selesai       TEXT NOT NULL
);

CREATE TABLE peserta (
    peserta_id       INTEGER PRIMARY KEY,
    program_id       INTEGER NOT NULL REFERENCES program (program_id),
    pegawai_id       INTEGER NOT NULL REFERENCES pegawai (pegawai_id),
    status           TEXT NOT NULL CHECK (status IN ('diusulkan', 'disetujui', 'ditolak', 'selesai', 'tidak_selesai')),
    jp_diakui        INTEGER NOT NULL DEFAULT 0 CHECK (jp_diakui >= 0),
    tanggal_selesai  TEXT,
    nomor_sertifikat TEXT,
    UNIQUE (program_id, pegawai_id)
);
CREATE INDEX peserta_pegawai ON peserta (pegawai_id, status);
