-- Service transactions (issue 5 figures, see the SQLite migration of the same number): no query
-- needs the (unit_id, tanggal) index any more (statistics read the monthly summaries of migration
-- 0014; rebuilding a stale summary reads the unit's rows through the (unit_id, tiket) key), and
-- every import pays for it.
DROP INDEX layanan_transaksi_unit_tanggal;
