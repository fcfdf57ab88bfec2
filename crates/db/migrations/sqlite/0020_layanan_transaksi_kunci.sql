-- Service transactions keyed by what identifies them (issue 5 figures: `bangkom layanan import`
-- of 10,000,000 rows at 500,000 rows/s). The table becomes a WITHOUT ROWID table clustered on
-- (unit_id, tiket), the key the import and the queue-machine API check: one B-tree per row
-- instead of three (rowid table, the UNIQUE index, the (unit_id, tanggal) index). No query
-- needs the date index any more: the statistics read the monthly summaries (migration 0014), and
-- rebuilding a stale summary reads the unit's rows once (Db::layanan_ringkasan_bangun).
-- `transaksi_id` was never read. The column-level foreign keys go too (each cost two lookups per
-- inserted row, a fifth of the insert): every writer resolves `unit_id` and `layanan` against
-- org and jenis_layanan before it writes, and no code deletes an org node or a service type.
-- PostgreSQL keeps its foreign keys.
CREATE TABLE layanan_transaksi_baru (
    unit_id      INTEGER NOT NULL,
    tiket        TEXT NOT NULL,
    layanan      TEXT NOT NULL,
    mulai        TEXT NOT NULL,
    tanggal      TEXT NOT NULL,
    durasi_detik INTEGER NOT NULL CHECK (durasi_detik >= 0),
    nip_petugas  TEXT,
    kanal        TEXT,
    PRIMARY KEY (unit_id, tiket)
) WITHOUT ROWID;
INSERT INTO layanan_transaksi_baru (unit_id, tiket, layanan, mulai, tanggal, durasi_detik, nip_petugas, kanal)
SELECT unit_id, tiket, layanan, mulai, tanggal, durasi_detik, nip_petugas, kanal FROM layanan_transaksi;
DROP TABLE layanan_transaksi;
ALTER TABLE layanan_transaksi_baru RENAME TO layanan_transaksi;
