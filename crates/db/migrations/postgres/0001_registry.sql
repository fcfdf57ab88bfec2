-- Registry: organisation tree, ASN, position history, accounts, sessions, audit log.
-- Conventions: singular table names, <table>_id keys, dates as ISO text (SQLite) / DATE (PostgreSQL),
-- enums as TEXT + CHECK. Forward-only: never edit this file once it has landed; add a new one.

CREATE TABLE org (
    org_id    BIGSERIAL PRIMARY KEY,
    kode      TEXT COLLATE "C" NOT NULL UNIQUE,
    nama      TEXT NOT NULL,
    jenis     TEXT NOT NULL CHECK (jenis IN ('pemda', 'opd', 'unit')),
    induk_id  BIGINT REFERENCES org (org_id),
    pemda_id  BIGINT,
    opd_id    BIGINT,
    layanan   BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX org_induk ON org (induk_id);

CREATE TABLE pegawai (
    pegawai_id     BIGSERIAL PRIMARY KEY,
    nip            TEXT COLLATE "C" NOT NULL UNIQUE,
    nama           TEXT NOT NULL,
    nama_urut      TEXT COLLATE "C" NOT NULL,
    gelar_depan    TEXT,
    gelar_belakang TEXT,
    jenis_kelamin  TEXT NOT NULL CHECK (jenis_kelamin IN ('L', 'P')),
    tanggal_lahir  DATE NOT NULL,
    jenis_asn      TEXT NOT NULL CHECK (jenis_asn IN ('PNS', 'PPPK')),
    golongan       TEXT NOT NULL,
    golongan_rank  BIGINT NOT NULL,
    jenis_jabatan  TEXT NOT NULL,
    jabatan        TEXT NOT NULL,
    jenjang        TEXT,
    unit_id        BIGINT NOT NULL REFERENCES org (org_id),
    opd_id         BIGINT NOT NULL,
    pemda_id       BIGINT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('aktif', 'cuti', 'pensiun', 'pindah')),
    tmt_jabatan    DATE,
    diubah         TIMESTAMPTZ NOT NULL
);
CREATE INDEX pegawai_nama ON pegawai (nama_urut, pegawai_id);
CREATE INDEX pegawai_opd_nama ON pegawai (opd_id, nama_urut);
CREATE INDEX pegawai_pemda_nama ON pegawai (pemda_id, nama_urut);
CREATE INDEX pegawai_unit ON pegawai (unit_id);

-- Words of the name, lowercased, for word-prefix search that works the same on both backends;
-- the sort key rides along so that a search can be paged in name order from this index alone.
CREATE TABLE pegawai_kata (
    kata       TEXT COLLATE "C" NOT NULL,
    nama_urut  TEXT COLLATE "C" NOT NULL,
    pegawai_id BIGINT NOT NULL REFERENCES pegawai (pegawai_id),
    PRIMARY KEY (kata, nama_urut, pegawai_id)
);
CREATE INDEX pegawai_kata_pegawai ON pegawai_kata (pegawai_id);

-- Ended positions; the current one lives on pegawai (jabatan, unit_id, tmt_jabatan).
CREATE TABLE riwayat_jabatan (
    riwayat_id    BIGSERIAL PRIMARY KEY,
    pegawai_id    BIGINT NOT NULL REFERENCES pegawai (pegawai_id),
    jenis_jabatan TEXT NOT NULL,
    jabatan       TEXT NOT NULL,
    jenjang       TEXT,
    golongan      TEXT NOT NULL,
    unit_id       BIGINT NOT NULL REFERENCES org (org_id),
    mulai         DATE,
    selesai       DATE NOT NULL
);
CREATE INDEX riwayat_jabatan_pegawai ON riwayat_jabatan (pegawai_id, selesai);

CREATE TABLE akun (
    akun_id       BIGSERIAL PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    nama          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'operator', 'pegawai', 'pimpinan')),
    pegawai_id    BIGINT REFERENCES pegawai (pegawai_id),
    aktif         BOOLEAN NOT NULL DEFAULT TRUE,
    dibuat        TIMESTAMPTZ NOT NULL
);

CREATE TABLE akun_opd (
    akun_id BIGINT NOT NULL REFERENCES akun (akun_id),
    org_id  BIGINT NOT NULL REFERENCES org (org_id),
    PRIMARY KEY (akun_id, org_id)
);

CREATE TABLE sesi (
    token_hash TEXT PRIMARY KEY,
    akun_id    BIGINT NOT NULL REFERENCES akun (akun_id),
    csrf       TEXT NOT NULL,
    kedaluwarsa TIMESTAMPTZ NOT NULL
);

CREATE TABLE api_token (
    token_hash TEXT PRIMARY KEY,
    akun_id    BIGINT NOT NULL REFERENCES akun (akun_id),
    nama       TEXT NOT NULL,
    dibuat     TIMESTAMPTZ NOT NULL
);

CREATE TABLE login_gagal (
    kunci TEXT NOT NULL,
    waktu TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_gagal_kunci ON login_gagal (kunci, waktu);

CREATE TABLE audit (
    audit_id  BIGSERIAL PRIMARY KEY,
    waktu     TIMESTAMPTZ NOT NULL,
    akun_id   BIGINT,
    pelaku    TEXT NOT NULL,
    aksi      TEXT NOT NULL,
    entitas   TEXT NOT NULL,
    kunci     TEXT NOT NULL,
    sebelum   TEXT,
    sesudah   TEXT
);
CREATE INDEX audit_entitas ON audit (entitas, kunci);
