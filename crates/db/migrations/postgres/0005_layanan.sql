-- Public services (REFERENCE §6): service types with their standard completion time, and service
-- transactions (requirements complete → document handed over) imported from queue machines and
-- registration systems. Durations are stored in seconds, computed once at import.
CREATE TABLE jenis_layanan (
    kode          TEXT PRIMARY KEY,
    nama          TEXT NOT NULL,
    standar_menit BIGINT NOT NULL CHECK (standar_menit > 0)
);
-- Dukcapil documents: one hour at the Dinas (Permendagri 19/2018), configurable.
INSERT INTO jenis_layanan (kode, nama, standar_menit) VALUES
    ('ktp-el', 'KTP elektronik', 60),
    ('kk', 'Kartu Keluarga', 60),
    ('akta-kelahiran', 'Akta kelahiran', 60),
    ('akta-kematian', 'Akta kematian', 60),
    ('kia', 'Kartu Identitas Anak', 60),
    ('pindah', 'Surat keterangan pindah', 60);

CREATE TABLE layanan_transaksi (
    transaksi_id BIGSERIAL PRIMARY KEY,
    unit_id      BIGINT NOT NULL REFERENCES org (org_id),
    layanan      TEXT NOT NULL REFERENCES jenis_layanan (kode),
    tiket        TEXT NOT NULL,
    mulai        TIMESTAMPTZ NOT NULL,
    tanggal      DATE NOT NULL,
    durasi_detik BIGINT NOT NULL CHECK (durasi_detik >= 0),
    nip_petugas  TEXT,
    kanal        TEXT,
    UNIQUE (unit_id, tiket)
);
CREATE INDEX layanan_transaksi_unit_tanggal ON layanan_transaksi (unit_id, tanggal);
