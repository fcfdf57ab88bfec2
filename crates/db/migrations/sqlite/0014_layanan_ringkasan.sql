-- Monthly summaries of service durations (issue 5 figures): per (unit, service type, month) the
-- packed durations of that month (bangkom_core::layanan::sebaran: seconds with their day of the
-- month, sorted; exact, about two bytes per transaction), so median, p90 and the share within the
-- standard of any scope and period are computed without reading every transaction. `bulan` is
-- the first day of the WIB month. Every write of layanan_transaksi updates the summary of the
-- months it touches in the same transaction.
CREATE TABLE layanan_ringkasan (
    unit_id INTEGER NOT NULL REFERENCES org (org_id),
    layanan TEXT NOT NULL REFERENCES jenis_layanan (kode),
    bulan   TEXT NOT NULL,
    jumlah  INTEGER NOT NULL CHECK (jumlah >= 0),
    durasi  BLOB NOT NULL,
    PRIMARY KEY (unit_id, layanan, bulan)
);
CREATE INDEX layanan_ringkasan_bulan ON layanan_ringkasan (bulan);

-- Cells whose summary must be (re)built from the raw rows before it is read: every month that
-- already has transactions when this migration runs (a writer may also list a cell here instead
-- of updating its summary). Db::layanan_ringkasan_bangun empties it.
CREATE TABLE layanan_ringkasan_basi (
    unit_id INTEGER NOT NULL,
    layanan TEXT NOT NULL,
    bulan   TEXT NOT NULL,
    PRIMARY KEY (unit_id, layanan, bulan)
);
INSERT INTO layanan_ringkasan_basi (unit_id, layanan, bulan)
SELECT DISTINCT unit_id, layanan, substr(tanggal, 1, 7) || '-01' FROM layanan_transaksi;

-- Officers named on transactions, per WIB day and unit: the program impact page finds where
-- trained staff served without scanning every transaction of its window. Kept by the same writes.
CREATE TABLE layanan_petugas (
    tanggal     TEXT NOT NULL,
    unit_id     INTEGER NOT NULL REFERENCES org (org_id),
    nip_petugas TEXT NOT NULL,
    PRIMARY KEY (tanggal, unit_id, nip_petugas)
);
INSERT INTO layanan_petugas (tanggal, unit_id, nip_petugas)
SELECT DISTINCT tanggal, unit_id, nip_petugas FROM layanan_transaksi WHERE nip_petugas IS NOT NULL;
