-- Training institutions (issue 4, item 1), institution accounts, the program → institution link,
-- and the Kirkpatrick level 1 (reaction) and level 3 (behaviour) instruments (REFERENCE §3.7).

-- A training institution (*lembaga pelatihan*): government (BPSDM, LAN, a ministry) or private.
-- LAN accredits institutions (REFERENCE §3.5); the grade and its end date are kept as entered.
CREATE TABLE lembaga (
    lembaga_id        INTEGER PRIMARY KEY,
    kode              TEXT NOT NULL UNIQUE,
    nama              TEXT NOT NULL,
    jenis             TEXT NOT NULL CHECK (jenis IN ('pemerintah', 'swasta')),
    akreditasi        TEXT,
    akreditasi_sampai TEXT,
    kontak_nama       TEXT,
    kontak_email      TEXT,
    kontak_telepon    TEXT,
    alamat            TEXT
);

-- Cooperation agreements (*perjanjian kerja sama*, PKS) with an institution.
CREATE TABLE perjanjian_kerja_sama (
    pks_id        INTEGER PRIMARY KEY,
    lembaga_id    INTEGER NOT NULL REFERENCES lembaga (lembaga_id),
    nomor         TEXT NOT NULL UNIQUE,
    mulai         TEXT NOT NULL,
    selesai       TEXT NOT NULL,
    ruang_lingkup TEXT NOT NULL,
    CHECK (mulai <= selesai)
);
CREATE INDEX perjanjian_kerja_sama_lembaga ON perjanjian_kerja_sama (lembaga_id, mulai);

-- The organising institution of a program (the free-text `penyelenggara` stays as entered).
ALTER TABLE program ADD COLUMN lembaga_id INTEGER REFERENCES lembaga (lembaga_id);
CREATE INDEX program_lembaga ON program (lembaga_id);

-- The role `lembaga` (an institution's staff). SQLite cannot alter a CHECK, so `akun` is rebuilt.
-- `akun` is referenced by akun_opd, sesi and api_token: foreign keys are deferred for this
-- transaction, the rows are parked in a plain table, the old table dropped (its implicit DELETE
-- counts deferred violations) and recreated under the same name, and re-inserting the same ids
-- clears every counted violation before the commit checks them. Ids are kept.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE akun_0009 AS SELECT akun_id, username, nama, password_hash, role, pegawai_id, aktif, dibuat FROM akun;
DROP TABLE akun;
CREATE TABLE akun (
    akun_id       INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    nama          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'operator', 'pegawai', 'pimpinan', 'lembaga')),
    pegawai_id    INTEGER REFERENCES pegawai (pegawai_id),
    aktif         INTEGER NOT NULL DEFAULT 1,
    dibuat        TEXT NOT NULL
);
INSERT INTO akun (akun_id, username, nama, password_hash, role, pegawai_id, aktif, dibuat)
    SELECT akun_id, username, nama, password_hash, role, pegawai_id, aktif, dibuat FROM akun_0009;
DROP TABLE akun_0009;

-- The institution of a `lembaga` account (exactly one).
CREATE TABLE akun_lembaga (
    akun_id    INTEGER PRIMARY KEY REFERENCES akun (akun_id),
    lembaga_id INTEGER NOT NULL REFERENCES lembaga (lembaga_id)
);

-- Kirkpatrick level 1: one reaction questionnaire per participant (five items, 1..5).
CREATE TABLE reaksi (
    peserta_id INTEGER PRIMARY KEY REFERENCES peserta (peserta_id),
    r1         INTEGER NOT NULL CHECK (r1 BETWEEN 1 AND 5),
    r2         INTEGER NOT NULL CHECK (r2 BETWEEN 1 AND 5),
    r3         INTEGER NOT NULL CHECK (r3 BETWEEN 1 AND 5),
    r4         INTEGER NOT NULL CHECK (r4 BETWEEN 1 AND 5),
    r5         INTEGER NOT NULL CHECK (r5 BETWEEN 1 AND 5),
    komentar   TEXT,
    waktu      TEXT NOT NULL
);

-- Kirkpatrick level 3: the supervisor's assessment 3 and 6 months after completion (four items,
-- 1..4), once per participant and stage.
CREATE TABLE tindak_lanjut (
    peserta_id INTEGER NOT NULL REFERENCES peserta (peserta_id),
    bulan      INTEGER NOT NULL CHECK (bulan IN (3, 6)),
    b1         INTEGER NOT NULL CHECK (b1 BETWEEN 1 AND 4),
    b2         INTEGER NOT NULL CHECK (b2 BETWEEN 1 AND 4),
    b3         INTEGER NOT NULL CHECK (b3 BETWEEN 1 AND 4),
    b4         INTEGER NOT NULL CHECK (b4 BETWEEN 1 AND 4),
    catatan    TEXT,
    penilai    TEXT NOT NULL,
    waktu      TEXT NOT NULL,
    PRIMARY KEY (peserta_id, bulan)
);
