-- Participation lifecycle (issue 4): program sessions and attributes, the nomination → approval →
-- attendance → scores → completion workflow, and unique certificate (STTPP) numbers.

-- Program attributes. `klasikal` starts from the jalur (SIASN ids 1–13 are classical, REFERENCE
-- §3.3) and may be set per program. Completion rules are per program; the defaults (80 % of the
-- sessions attended, post-test at least 60) are product defaults, not a regulation: configurable.
ALTER TABLE program ADD COLUMN klasikal INTEGER NOT NULL DEFAULT 1;
UPDATE program SET klasikal = CASE WHEN jalur <= 13 THEN 1 ELSE 0 END;
ALTER TABLE program ADD COLUMN kompetensi TEXT;
ALTER TABLE program ADD COLUMN sasaran_jabatan TEXT;
ALTER TABLE program ADD COLUMN min_hadir_persen INTEGER NOT NULL DEFAULT 80 CHECK (min_hadir_persen BETWEEN 0 AND 100);
ALTER TABLE program ADD COLUMN min_nilai_post INTEGER NOT NULL DEFAULT 60 CHECK (min_nilai_post BETWEEN 0 AND 100);

-- The OPDs a program targets (none = open to every OPD).
CREATE TABLE program_opd (
    program_id INTEGER NOT NULL REFERENCES program (program_id),
    org_id     INTEGER NOT NULL REFERENCES org (org_id),
    PRIMARY KEY (program_id, org_id)
);

-- Sessions of a program: a day, a time span (HH:MM, WIB), a venue or an online link, a trainer.
CREATE TABLE sesi_program (
    sesi_id     INTEGER PRIMARY KEY,
    program_id  INTEGER NOT NULL REFERENCES program (program_id),
    tanggal     TEXT NOT NULL,
    jam_mulai   TEXT NOT NULL,
    jam_selesai TEXT NOT NULL,
    tempat      TEXT,
    tautan      TEXT,
    pengajar    TEXT,
    CHECK (jam_mulai < jam_selesai),
    CHECK (tempat IS NOT NULL OR tautan IS NOT NULL)
);
CREATE INDEX sesi_program_program ON sesi_program (program_id, tanggal);

-- The participation statuses of 0004 lack the waitlist (`menunggu`) and withdrawal
-- (`dibatalkan`). SQLite cannot alter a CHECK, so the table is rebuilt: a new table with the wider
-- CHECK and the new columns, every row copied with its id, the old table dropped, the new one
-- renamed. This is safe here because no table references `peserta` yet (kehadiran is created
-- below, after the rename) and the whole migration runs in one transaction. A second status column
-- was the alternative; it was rejected because every existing query reading `status` would then
-- have to know about it to avoid counting waitlisted rows as nominated.
CREATE TABLE peserta_0006 (
    peserta_id       INTEGER PRIMARY KEY,
    program_id       INTEGER NOT NULL REFERENCES program (program_id),
    pegawai_id       INTEGER NOT NULL REFERENCES pegawai (pegawai_id),
    status           TEXT NOT NULL CHECK (status IN ('diusulkan', 'menunggu', 'disetujui', 'ditolak', 'dibatalkan', 'selesai', 'tidak_selesai')),
    jp_diakui        INTEGER NOT NULL DEFAULT 0 CHECK (jp_diakui >= 0),
    tanggal_selesai  TEXT,
    nomor_sertifikat TEXT,
    cara             TEXT NOT NULL DEFAULT 'impor' CHECK (cara IN ('usulan', 'mandiri', 'impor')),
    antrian          INTEGER,
    alasan           TEXT,
    nilai_pre        INTEGER CHECK (nilai_pre BETWEEN 0 AND 100),
    nilai_post       INTEGER CHECK (nilai_post BETWEEN 0 AND 100),
    UNIQUE (program_id, pegawai_id)
);
INSERT INTO peserta_0006 (peserta_id, program_id, pegawai_id, status, jp_diakui, tanggal_selesai, nomor_sertifikat)
    SELECT peserta_id, program_id, pegawai_id, status, jp_diakui, tanggal_selesai, nomor_sertifikat FROM peserta;
DROP TABLE peserta;
ALTER TABLE peserta_0006 RENAME TO peserta;
CREATE INDEX peserta_pegawai ON peserta (pegawai_id, status);
CREATE INDEX peserta_program ON peserta (program_id, status);
-- A certificate number identifies one completion (NULLs, i.e. no certificate yet, are many).
CREATE UNIQUE INDEX peserta_nomor_sertifikat ON peserta (nomor_sertifikat);

-- Attendance per session and participant (absent rows = not recorded yet).
CREATE TABLE kehadiran (
    sesi_id    INTEGER NOT NULL REFERENCES sesi_program (sesi_id),
    peserta_id INTEGER NOT NULL REFERENCES peserta (peserta_id),
    hadir      INTEGER NOT NULL,
    PRIMARY KEY (sesi_id, peserta_id)
);
