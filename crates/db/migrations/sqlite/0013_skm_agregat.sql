-- Maintained IKM aggregates (issue 3 "Figures to reach"): per unit, service type and day, the
-- number of counted questionnaires and, per unsur, the integer sum of the answers (j_*) and the
-- number of questionnaires that answered it (n_*), so NRR = j / n over those who answered
-- (REFERENCE §0.3) stays exact. Excluded responses are not in these counters (§0 "never count").
-- Every write of skm_respons updates them in its own transaction (crates/db/src/skm_agregat.rs);
-- `layanan` is '' for "no service type" so that it can be part of the key.
-- The same counters per month (skm_agregat_bulan, tanggal = first day of the month) let a
-- year-long province query read twelve rows per unit and service instead of 365.
-- Rows are clustered by day (a province-wide period is one contiguous range); the (unit_id,
-- tanggal) index serves the unit, OPD and pemda scopes.
CREATE TABLE skm_agregat (
    unit_id       INTEGER NOT NULL REFERENCES org (org_id),
    layanan       TEXT NOT NULL DEFAULT '',
    tanggal       TEXT NOT NULL,
    responden     INTEGER NOT NULL DEFAULT 0,
    j_persyaratan INTEGER NOT NULL DEFAULT 0,
    n_persyaratan INTEGER NOT NULL DEFAULT 0,
    j_prosedur    INTEGER NOT NULL DEFAULT 0,
    n_prosedur    INTEGER NOT NULL DEFAULT 0,
    j_waktu       INTEGER NOT NULL DEFAULT 0,
    n_waktu       INTEGER NOT NULL DEFAULT 0,
    j_biaya       INTEGER NOT NULL DEFAULT 0,
    n_biaya       INTEGER NOT NULL DEFAULT 0,
    j_produk      INTEGER NOT NULL DEFAULT 0,
    n_produk      INTEGER NOT NULL DEFAULT 0,
    j_kompetensi  INTEGER NOT NULL DEFAULT 0,
    n_kompetensi  INTEGER NOT NULL DEFAULT 0,
    j_perilaku    INTEGER NOT NULL DEFAULT 0,
    n_perilaku    INTEGER NOT NULL DEFAULT 0,
    j_pengaduan   INTEGER NOT NULL DEFAULT 0,
    n_pengaduan   INTEGER NOT NULL DEFAULT 0,
    j_sarana      INTEGER NOT NULL DEFAULT 0,
    n_sarana      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tanggal, unit_id, layanan)
) WITHOUT ROWID;
CREATE INDEX skm_agregat_unit ON skm_agregat (unit_id, tanggal);

CREATE TABLE skm_agregat_bulan (
    unit_id       INTEGER NOT NULL REFERENCES org (org_id),
    layanan       TEXT NOT NULL DEFAULT '',
    tanggal       TEXT NOT NULL,
    responden     INTEGER NOT NULL DEFAULT 0,
    j_persyaratan INTEGER NOT NULL DEFAULT 0,
    n_persyaratan INTEGER NOT NULL DEFAULT 0,
    j_prosedur    INTEGER NOT NULL DEFAULT 0,
    n_prosedur    INTEGER NOT NULL DEFAULT 0,
    j_waktu       INTEGER NOT NULL DEFAULT 0,
    n_waktu       INTEGER NOT NULL DEFAULT 0,
    j_biaya       INTEGER NOT NULL DEFAULT 0,
    n_biaya       INTEGER NOT NULL DEFAULT 0,
    j_produk      INTEGER NOT NULL DEFAULT 0,
    n_produk      INTEGER NOT NULL DEFAULT 0,
    j_kompetensi  INTEGER NOT NULL DEFAULT 0,
    n_kompetensi  INTEGER NOT NULL DEFAULT 0,
    j_perilaku    INTEGER NOT NULL DEFAULT 0,
    n_perilaku    INTEGER NOT NULL DEFAULT 0,
    j_pengaduan   INTEGER NOT NULL DEFAULT 0,
    n_pengaduan   INTEGER NOT NULL DEFAULT 0,
    j_sarana      INTEGER NOT NULL DEFAULT 0,
    n_sarana      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tanggal, unit_id, layanan)
) WITHOUT ROWID;
CREATE INDEX skm_agregat_bulan_unit ON skm_agregat_bulan (unit_id, tanggal);

-- Backfill from the stored questionnaires.
INSERT INTO skm_agregat (unit_id, layanan, tanggal, responden, j_persyaratan, n_persyaratan, j_prosedur, n_prosedur, j_waktu, n_waktu, j_biaya, n_biaya, j_produk, n_produk, j_kompetensi, n_kompetensi, j_perilaku, n_perilaku, j_pengaduan, n_pengaduan, j_sarana, n_sarana)
SELECT unit_id, COALESCE(layanan, ''), tanggal, COUNT(*), SUM(COALESCE(persyaratan, 0)), COUNT(persyaratan), SUM(COALESCE(prosedur, 0)), COUNT(prosedur), SUM(COALESCE(waktu, 0)), COUNT(waktu), SUM(COALESCE(biaya, 0)), COUNT(biaya), SUM(COALESCE(produk, 0)), COUNT(produk), SUM(COALESCE(kompetensi, 0)), COUNT(kompetensi), SUM(COALESCE(perilaku, 0)), COUNT(perilaku), SUM(COALESCE(pengaduan, 0)), COUNT(pengaduan), SUM(COALESCE(sarana, 0)), COUNT(sarana)
FROM skm_respons WHERE dikecualikan = 0
GROUP BY unit_id, COALESCE(layanan, ''), tanggal;
INSERT INTO skm_agregat_bulan (unit_id, layanan, tanggal, responden, j_persyaratan, n_persyaratan, j_prosedur, n_prosedur, j_waktu, n_waktu, j_biaya, n_biaya, j_produk, n_produk, j_kompetensi, n_kompetensi, j_perilaku, n_perilaku, j_pengaduan, n_pengaduan, j_sarana, n_sarana)
SELECT unit_id, layanan, substr(tanggal, 1, 8) || '01', SUM(responden), SUM(j_persyaratan), SUM(n_persyaratan), SUM(j_prosedur), SUM(n_prosedur), SUM(j_waktu), SUM(n_waktu), SUM(j_biaya), SUM(n_biaya), SUM(j_produk), SUM(n_produk), SUM(j_kompetensi), SUM(n_kompetensi), SUM(j_perilaku), SUM(n_perilaku), SUM(j_pengaduan), SUM(n_pengaduan), SUM(j_sarana), SUM(n_sarana)
FROM skm_agregat
GROUP BY unit_id, layanan, substr(tanggal, 1, 8) || '01';
