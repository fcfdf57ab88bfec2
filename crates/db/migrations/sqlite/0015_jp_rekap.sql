-- The JP ledger at province scale (issue 4 §6, "Figures to reach"): yearly totals per employee and
-- jalur, maintained in the same transaction as every credit (program completion, assessment of an
-- experiential activity, verified claim, audited JP correction), so a compliance page reads a few
-- indexed rows per employee instead of adding up every completion and credit of the year.
-- The credits themselves stay where they were (`peserta`, `jp_kredit`); this table is derived
-- from them and `Db::jp_rekap_hitung_ulang` rebuilds it with the same statement as below.
-- `tahun` is the calendar year of the credit's date (REFERENCE §0: a credit counts in its year).
-- The key starts with the year: one employee's year is a key prefix (tahun, pegawai_id), and a
-- whole province's year is one range read in employee order.
CREATE TABLE jp_rekap (
    pegawai_id INTEGER NOT NULL REFERENCES pegawai (pegawai_id),
    tahun      INTEGER NOT NULL,
    jalur      INTEGER NOT NULL CHECK (jalur BETWEEN 1 AND 25),
    jp         INTEGER NOT NULL,
    PRIMARY KEY (tahun, pegawai_id, jalur)
) WITHOUT ROWID;

INSERT INTO jp_rekap (pegawai_id, tahun, jalur, jp)
SELECT e.pegawai_id, CAST(substr(e.tanggal, 1, 4) AS INTEGER), e.jalur, SUM(e.jp)
FROM (
    SELECT s.pegawai_id, s.tanggal_selesai AS tanggal, g.jalur, s.jp_diakui AS jp
    FROM peserta s JOIN program g ON g.program_id = s.program_id
    WHERE s.status = 'selesai' AND s.tanggal_selesai IS NOT NULL
    UNION ALL
    SELECT k.pegawai_id, k.tanggal, k.jalur, k.jp FROM jp_kredit k
) e
GROUP BY e.pegawai_id, CAST(substr(e.tanggal, 1, 4) AS INTEGER), e.jalur
HAVING SUM(e.jp) <> 0;

-- The forecast adds approved programs that end later in the year: find them by their last day.
CREATE INDEX program_selesai ON program (selesai);
-- The ledger export and the SIASN export read a period's completions.
CREATE INDEX peserta_selesai ON peserta (tanggal_selesai) WHERE status = 'selesai';
