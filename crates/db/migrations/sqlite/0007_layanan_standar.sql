-- Service standards per unit (*standar pelayanan*, REFERENCE §6): a unit, an OPD or a whole pemda
-- may set its own completion time for a service type. The nearest node on the path from the
-- transaction's unit up to the root wins; without one, jenis_layanan.standar_menit applies (the
-- Permendagri 19/2018 hour for Dukcapil documents).
CREATE TABLE layanan_standar (
    org_id        INTEGER NOT NULL REFERENCES org (org_id),
    layanan       TEXT NOT NULL REFERENCES jenis_layanan (kode),
    standar_menit INTEGER NOT NULL CHECK (standar_menit > 0 AND standar_menit <= 525600),
    PRIMARY KEY (org_id, layanan)
);
