-- Participation lifecycle (issue 4): program sessions and attributes, the nomination → approval →
-- attendance → scores → completion workflow, and unique certificate (STTPP) numbers.

-- Program attributes. `klasikal` starts from the jalur (SIASN ids 1–13 are classical, REFERENCE
-- §3.3) and may be set per program. Completion rules are per program; the defaults (80 % of the
-- sessions attended, post-test at least 60) are product defaults, not a regulation: configurable.
ALTER TABLE program ADD COLUMN klasikal BOOLEAN NOT NULL DEFAULT TRUE;
UPDATE program SET klasikal = (jalur <= 13);
ALTER TABLE program ADD COLUMN kompetensi TEXT;
ALTER TABLE program ADD COLUMN sasaran_jabatan TEXT;
ALTER TABLE program ADD COLUMN min_hadir_persen BIGINT NOT NULL DEFAULT 80 CHECK (min_hadir_persen BETWEEN 0 AND 100);
ALTER TABLE program ADD COLUMN min_nilai_post BIGINT NOT NULL DEFAULT 60 CHECK (min_nilai_post BETWEEN 0 AND 100);

-- The OPDs a program targets (none = open to every OPD).
CREATE TABLE program_opd (
    program_id BIGINT NOT NULL REFERENCES program (program_id),
    org_id     BIGINT NOT NULL REFERENCES org (org_id),
    PRIMARY KEY (program_id, org_id)
);

-- Sessions of a program: a day, a time span (HH:MM, WIB), a venue or an online link, a trainer.
CREATE TABLE sesi_program (
    sesi_id     BIGSERIAL PRIMARY KEY,
    program_id  BIGINT NOT NULL REFERENCES program (program_id),
    tanggal     DATE NOT NULL,
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
-- (`dibatalkan`): PostgreSQL replaces the CHECK in place (SQLite rebuilds the table, see there).
ALTER TABLE peserta DROP CONSTRAINT peserta_status_check;
ALTER TABLE peserta ADD CONSTRAINT peserta_status_check
    CHECK (status IN ('diusulkan', 'menunggu', 'disetujui', 'ditolak', 'dibatalkan', 'selesai', 'tidak_selesai'));
ALTER TABLE peserta ADD COLUMN cara TEXT NOT NULL DEFAULT 'impor' CHECK (cara IN ('usulan', 'mandiri', 'impor'));
ALTER TABLE peserta ADD COLUMN antrian BIGINT;
ALTER TABLE peserta ADD COLUMN alasan TEXT;
ALTER TABLE peserta ADD COLUMN nilai_pre BIGINT CHECK (nilai_pre BETWEEN 0 AND 100);
ALTER TABLE peserta ADD COLUMN nilai_post BIGINT CHECK (nilai_post BETWEEN 0 AND 100);
CREATE INDEX peserta_program ON peserta (program_id, status);
-- A certificate number identifies one completion (NULLs, i.e. no certificate yet, are many).
CREATE UNIQUE INDEX peserta_nomor_sertifikat ON peserta (nomor_sertifikat);

-- Attendance per session and participant (absent rows = not recorded yet).
CREATE TABLE kehadiran (
    sesi_id    BIGINT NOT NULL REFERENCES sesi_program (sesi_id),
    peserta_id BIGINT NOT NULL REFERENCES peserta (peserta_id),
    hadir      BOOLEAN NOT NULL,
    PRIMARY KEY (sesi_id, peserta_id)
);
