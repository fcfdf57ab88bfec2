-- Maintained IKM aggregates (issue 3 "Figures to reach"): per unit, service type and day, the
-- number of counted questionnaires and, per unsur, the integer sum of the answers (j_*) and the
-- number of questionnaires that answered it (n_*), so NRR = j / n over those who answered
-- (REFERENCE §0.3) stays exact. Excluded responses are not in these counters (§0 "never count").
-- Every write of skm_respons updates them in its own transaction (crates/db/src/skm_agregat.rs);
-- `layanan` is '' for "no service type" so that it can be part of the key.
-- The same counters per month (skm_agregat_bulan, tanggal = first day of the month) let a
-- year-long province query read twelve rows per unit and service instead of 365.
-- The key leads with the day (a province-wide period is one index range; on SQLite the table is
-- clustered that way); the (unit_id, tanggal) index serves the unit, OPD and pemda scopes.
CREATE TABLE skm_agregat (
    unit_id       BIGINT NOT NULL REFERENCES org (org_id),
    layanan       TEXT NOT NULL DEFAULT '',
    tanggal       DATE NOT NULL,
    responden     BIGINT NOT NULL DEFAULT 0,
    j_persyaratan BIGINT NOT NULL DEFAULT 0,
    n_persyaratan BIGINT NOT NULL DEFAULT 0,
    j_prosedur    BIGINT NOT NULL DEFAULT 0,
    n_prosedur    BIGINT NOT NULL DEFAULT 0,
    j_waktu       BIGINT NOT NULL DEFAULT 0,
    n_waktu       BIGINT NOT NULL DEFAULT 0,
    j_biaya       BIGINT NOT NULL DEFAULT 0,
    n_biaya       BIGINT NOT NULL DEFAULT 0,
    j_produk      BIGINT NOT NULL DEFAULT 0,
    n_produk      BIGINT NOT NULL DEFAULT 0,
    j_kompetensi  BIGINT NOT NULL DEFAULT 0,
    n_kompetensi  BIGINT NOT NULL DEFAULT 0,
    j_perilaku    BIGINT NOT NULL DEFAULT 0,
    n_perilaku    BIGINT NOT NULL DEFAULT 0,
    j_pengaduan   BIGINT NOT NULL DEFAULT 0,
    n_pengaduan   BIGINT NOT NULL DEFAULT 0,
    j_sarana      BIGINT NOT NULL DEFAULT 0,
    n_sarana      BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (tanggal, unit_id, layanan)
);
CREATE INDEX skm_agregat_unit ON skm_agregat (unit_id, tanggal);

CREATE TABLE skm_agregat_bulan (
    unit_id       BIGINT NOT NULL REFERENCES org (org_id),
    layanan       TEXT NOT NULL DEFAULT '',
    tanggal       DATE NOT NULL,
    responden     BIGINT NOT NULL DEFAULT 0,
    j_persyaratan BIGINT NOT NULL DEFAULT 0,
    n_persyaratan BIGINT NOT NULL DEFAULT 0,
    j_prosedur    BIGINT NOT NULL DEFAULT 0,
    n_prosedur    BIGINT NOT NULL DEFAULT 0,
    j_waktu       BIGINT NOT NULL DEFAULT 0,
    n_waktu       BIGINT NOT NULL DEFAULT 0,
    j_biaya       BIGINT NOT NULL DEFAULT 0,
    n_biaya       BIGINT NOT NULL DEFAULT 0,
    j_produk      BIGINT NOT NULL DEFAULT 0,
    n_produk      BIGINT NOT NULL DEFAULT 0,
    j_kompetensi  BIGINT NOT NULL DEFAULT 0,
    n_kompetensi  BIGINT NOT NULL DEFAULT 0,
    j_perilaku    BIGINT NOT NULL DEFAULT 0,
    n_perilaku    BIGINT NOT NULL DEFAULT 0,
    j_pengaduan   BIGINT NOT NULL DEFAULT 0,
    n_pengaduan   BIGINT NOT NULL DEFAULT 0,
    j_sarana      BIGINT NOT NULL DEFAULT 0,
    n_sarana      BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (tanggal, unit_id, layanan)
);
CREATE INDEX skm_agregat_bulan_unit ON skm_agregat_bulan (unit_id, tanggal);

-- Backfill from the stored questionnaires.
INSERT INTO skm_agregat (unit_id, layanan, tanggal, responden, j_persyaratan, n_persyaratan, j_prosedur, n_prosedur, j_waktu, n_waktu, j_biaya, n_biaya, j_produk, n_produk, j_kompetensi, n_kompetensi, j_perilaku, n_perilaku, j_pengaduan, n_pengaduan, j_sarana, n_sarana)
SELECT unit_id, COALESCE(layanan, ''), tanggal, COUNT(*), SUM(COALESCE(persyaratan, 0)), COUNT(persyaratan), SUM(COALESCE(prosedur, 0)), COUNT(prosedur), SUM(COALESCE(waktu, 0)), COUNT(waktu), SUM(COALESCE(biaya, 0)), COUNT(biaya), SUM(COALESCE(produk, 0)), COUNT(produk), SUM(COALESCE(kompetensi, 0)), COUNT(kompetensi), SUM(COALESCE(perilaku, 0)), COUNT(perilaku), SUM(COALESCE(pengaduan, 0)), COUNT(pengaduan), SUM(COALESCE(sarana, 0)), COUNT(sarana)
FROM skm_respons WHERE dikecualikan = FALSE
GROUP BY unit_id, COALESCE(layanan, ''), tanggal;
INSERT INTO skm_agregat_bulan (unit_id, layanan, tanggal, responden, j_persyaratan, n_persyaratan, j_prosedur, n_prosedur, j_waktu, n_waktu, j_biaya, n_biaya, j_produk, n_produk, j_kompetensi, n_kompetensi, j_perilaku, n_perilaku, j_pengaduan, n_pengaduan, j_sarana, n_sarana)
SELECT unit_id, layanan, CAST(date_trunc('month', tanggal) AS DATE), SUM(responden), SUM(j_persyaratan), SUM(n_persyaratan), SUM(j_prosedur), SUM(n_prosedur), SUM(j_waktu), SUM(n_waktu), SUM(j_biaya), SUM(n_biaya), SUM(j_produk), SUM(n_produk), SUM(j_kompetensi), SUM(n_kompetensi), SUM(j_perilaku), SUM(n_perilaku), SUM(j_pengaduan), SUM(n_pengaduan), SUM(j_sarana), SUM(n_sarana)
FROM skm_agregat
GROUP BY unit_id, layanan, CAST(date_trunc('month', tanggal) AS DATE);
