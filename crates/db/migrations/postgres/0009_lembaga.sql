-- Training institutions (issue 4, item 1), institution accounts, the program → institution link,
-- and the Kirkpatrick level 1 (reaction) and level 3 (behaviour) instruments (REFERENCE §3.7).

-- A training institution (*lembaga pelatihan*): government (BPSDM, LAN, a ministry) or private.
-- LAN accredits institutions (REFERENCE §3.5); the grade and its end date are kept as entered.
CREATE TABLE lembaga (
    lembaga_id        BIGSERIAL PRIMARY KEY,
    kode              TEXT NOT NULL UNIQUE,
    nama              TEXT NOT NULL,
    jenis             TEXT NOT NULL CHECK (jenis IN ('pemerintah', 'swasta')),
    akreditasi        TEXT,
    akreditasi_sampai DATE,
    kontak_nama       TEXT,
    kontak_email      TEXT,
    kontak_telepon    TEXT,
    alamat            TEXT
);

-- Cooperation agreements (*perjanjian kerja sama*, PKS) with an institution.
CREATE TABLE perjanjian_kerja_sama (
    pks_id        BIGSERIAL PRIMARY KEY,
    lembaga_id    BIGINT NOT NULL REFERENCES lembaga (lembaga_id),
    nomor         TEXT NOT NULL UNIQUE,
    mulai         DATE NOT NULL,
    selesai       DATE NOT NULL,
    ruang_lingkup TEXT NOT NULL,
    CHECK (mulai <= selesai)
);
CREATE INDEX perjanjian_kerja_sama_lembaga ON perjanjian_kerja_sama (lembaga_id, mulai);

-- The organising institution of a program (the free-text `penyelenggara` stays as entered).
ALTER TABLE program ADD COLUMN lembaga_id BIGINT REFERENCES lembaga (lembaga_id);
CREATE INDEX program_lembaga ON program (lembaga_id);

-- The role `lembaga` (an institution's staff).
ALTER TABLE akun DROP CONSTRAINT akun_role_check;
ALTER TABLE akun ADD CONSTRAINT akun_role_check
    CHECK (role IN ('admin', 'operator', 'pegawai', 'pimpinan', 'lembaga'));

-- The institution of a `lembaga` account (exactly one).
CREATE TABLE akun_lembaga (
    akun_id    BIGINT PRIMARY KEY REFERENCES akun (akun_id),
    lembaga_id BIGINT NOT NULL REFERENCES lembaga (lembaga_id)
);

-- Kirkpatrick level 1: one reaction questionnaire per participant (five items, 1..5).
CREATE TABLE reaksi (
    peserta_id BIGINT PRIMARY KEY REFERENCES peserta (peserta_id),
    r1         INTEGER NOT NULL CHECK (r1 BETWEEN 1 AND 5),
    r2         INTEGER NOT NULL CHECK (r2 BETWEEN 1 AND 5),
    r3         INTEGER NOT NULL CHECK (r3 BETWEEN 1 AND 5),
    r4         INTEGER NOT NULL CHECK (r4 BETWEEN 1 AND 5),
    r5         INTEGER NOT NULL CHECK (r5 BETWEEN 1 AND 5),
    komentar   TEXT,
    waktu      TIMESTAMPTZ NOT NULL
);

-- Kirkpatrick level 3: the supervisor's assessment 3 and 6 months after completion (four items,
-- 1..4), once per participant and stage.
CREATE TABLE tindak_lanjut (
    peserta_id BIGINT NOT NULL REFERENCES peserta (peserta_id),
    bulan      INTEGER NOT NULL CHECK (bulan IN (3, 6)),
    b1         INTEGER NOT NULL CHECK (b1 BETWEEN 1 AND 4),
    b2         INTEGER NOT NULL CHECK (b2 BETWEEN 1 AND 4),
    b3         INTEGER NOT NULL CHECK (b3 BETWEEN 1 AND 4),
    b4         INTEGER NOT NULL CHECK (b4 BETWEEN 1 AND 4),
    catatan    TEXT,
    penilai    TEXT NOT NULL,
    waktu      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (peserta_id, bulan)
);
