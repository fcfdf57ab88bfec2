-- Experiential learning, external learning claims and the JP credits they give (issue 4 §3, §5,
-- §6; REFERENCE §0 "JP and participation", §3.3, §3.4).

-- Kind of experiential learning → jalur and an optional default JP, set by the administrator.
-- Jalur defaults follow REFERENCE §3.3 (rotation and special assignment are not jalur: they map to
-- "nonklasikal lainnya" 25 and "bimbingan di tempat kerja" 24); no default JP is shipped (§3.4).
CREATE TABLE pengalaman_aturan (
    jenis      TEXT PRIMARY KEY,
    jalur      INTEGER NOT NULL CHECK (jalur BETWEEN 1 AND 25),
    jp_bawaan  INTEGER CHECK (jp_bawaan BETWEEN 1 AND 1000)
);
INSERT INTO pengalaman_aturan (jenis, jalur) VALUES
    ('rotasi', 25), ('penugasan_khusus', 24), ('detasering', 18),
    ('magang', 10), ('coaching', 14), ('mentoring', 15);

-- One experiential activity of one employee. Rotation fills the from/to position and unit; a
-- special assignment, detasering or internship the host unit and the expert; coaching and
-- mentoring the coach/mentor (an employee, or a named outsider).
CREATE TABLE pengalaman (
    pengalaman_id   INTEGER PRIMARY KEY,
    pegawai_id      INTEGER NOT NULL REFERENCES pegawai (pegawai_id),
    jenis           TEXT NOT NULL REFERENCES pengalaman_aturan (jenis),
    judul           TEXT NOT NULL,
    tujuan          TEXT,
    unit_tujuan_id  INTEGER REFERENCES org (org_id),
    dari_jabatan    TEXT,
    dari_unit_id    INTEGER REFERENCES org (org_id),
    ke_jabatan      TEXT,
    pembimbing_id   INTEGER REFERENCES pegawai (pegawai_id),
    pembimbing_nama TEXT,
    mulai           TEXT NOT NULL,
    selesai         TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'berjalan' CHECK (status IN ('berjalan', 'dinilai')),
    hasil           TEXT CHECK (hasil IN ('sangat_baik', 'baik', 'cukup', 'tidak_tercapai')),
    catatan_nilai   TEXT,
    jp_diakui       INTEGER CHECK (jp_diakui BETWEEN 0 AND 1000),
    jalur           INTEGER CHECK (jalur BETWEEN 1 AND 25),
    dinilai_oleh    TEXT,
    dinilai_pada    TEXT,
    dibuat          TEXT NOT NULL,
    CHECK (mulai <= selesai)
);
CREATE INDEX pengalaman_pegawai ON pengalaman (pegawai_id, jenis, mulai);
CREATE INDEX pengalaman_pembimbing ON pengalaman (pembimbing_id);

-- The learning log: entries with evidence (text and an optional link), optionally tied to an
-- activity; coaching/mentoring sessions are entries of kind `sesi`.
CREATE TABLE catatan_belajar (
    catatan_id     INTEGER PRIMARY KEY,
    pegawai_id     INTEGER NOT NULL REFERENCES pegawai (pegawai_id),
    pengalaman_id  INTEGER REFERENCES pengalaman (pengalaman_id),
    jenis          TEXT NOT NULL DEFAULT 'catatan' CHECK (jenis IN ('catatan', 'sesi')),
    tanggal        TEXT NOT NULL,
    uraian         TEXT NOT NULL,
    tautan         TEXT,
    dibuat         TEXT NOT NULL
);
CREATE INDEX catatan_belajar_pegawai ON catatan_belajar (pegawai_id, tanggal);
CREATE INDEX catatan_belajar_pengalaman ON catatan_belajar (pengalaman_id);

-- Learning done elsewhere, reported by the employee; only verified claims credit JP.
CREATE TABLE klaim_belajar (
    klaim_id        INTEGER PRIMARY KEY,
    pegawai_id      INTEGER NOT NULL REFERENCES pegawai (pegawai_id),
    judul           TEXT NOT NULL,
    penyelenggara   TEXT NOT NULL,
    jalur           INTEGER NOT NULL CHECK (jalur BETWEEN 1 AND 25),
    mulai           TEXT NOT NULL,
    selesai         TEXT NOT NULL,
    jp_klaim        INTEGER NOT NULL CHECK (jp_klaim BETWEEN 1 AND 1000),
    bukti           TEXT NOT NULL,
    tautan          TEXT,
    status          TEXT NOT NULL DEFAULT 'diajukan' CHECK (status IN ('diajukan', 'diverifikasi', 'ditolak')),
    alasan          TEXT,
    diputuskan_oleh TEXT,
    diputuskan_pada TEXT,
    diajukan        TEXT NOT NULL,
    CHECK (mulai <= selesai)
);
CREATE INDEX klaim_belajar_pegawai ON klaim_belajar (pegawai_id, status);
CREATE INDEX klaim_belajar_status ON klaim_belajar (status, diajukan);

-- JP credited by something other than a program participation (those stay on `peserta`): one row
-- per source, so an activity or a claim is credited exactly once. `tanggal` decides the year.
CREATE TABLE jp_kredit (
    kredit_id  INTEGER PRIMARY KEY,
    pegawai_id INTEGER NOT NULL REFERENCES pegawai (pegawai_id),
    sumber     TEXT NOT NULL CHECK (sumber IN ('pengalaman', 'klaim')),
    sumber_id  INTEGER NOT NULL,
    jalur      INTEGER NOT NULL CHECK (jalur BETWEEN 1 AND 25),
    jp         INTEGER NOT NULL CHECK (jp BETWEEN 0 AND 1000),
    tanggal    TEXT NOT NULL,
    UNIQUE (sumber, sumber_id)
);
CREATE INDEX jp_kredit_pegawai ON jp_kredit (pegawai_id, tanggal);
CREATE INDEX jp_kredit_tanggal ON jp_kredit (tanggal, pegawai_id);
