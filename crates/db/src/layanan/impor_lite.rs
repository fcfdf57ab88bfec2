//! The write of a large service-transaction import on a SQLite file (issue 5 figures: 10,000,000
//! rows at 500,000 rows/s), through a direct connection ([`crate::lite`]) on a blocking thread:
//! one prepared single-row `INSERT … ON CONFLICT (unit_id, tiket) DO NOTHING`, bound straight
//! from the validated rows. Same rules as the pooled writer ([`super::impor`]): one transaction,
//! committed only when the reader ends with `ImportBatch::End { commit: true }`; a row that
//! changes nothing met a ticket already stored, and the transaction is rolled back so that the
//! caller's checking path can name the rows; the monthly summaries and the officers' days are
//! added in the same transaction (the merge of `ringkasan_tambah!`).

use std::path::Path;

use bangkom_core::layanan::sebaran;
use rusqlite::{Connection, TransactionBehavior};
use tokio::sync::mpsc::Receiver;

use super::TransaksiValues;
use super::impor::{Cells, Tulis};
use super::ringkasan::{INSERT_KOSONG, SELECT_SEL, Tambahan, UPDATE_SEL, rusak};
use crate::audit::Actor;
use crate::query::Sql;
use crate::{Result, lite};

const INSERT: &str = "INSERT INTO layanan_transaksi \
     (unit_id, tiket, layanan, mulai, tanggal, durasi_detik, nip_petugas, kanal) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (unit_id, tiket) DO NOTHING";

/// What the writer receives: rows, then the reader's verdict with the summary cells of every row
/// (gathered by the caller while the writer writes).
pub(super) enum Pesan {
    /// Validated rows, in file order.
    Baris(Vec<(usize, TransaksiValues)>),
    /// The end: commit or not, and the summaries.
    Akhir { commit: bool, cells: Cells },
}

/// Writes what `rx` brings.
pub(super) fn tulis(path: &Path, actor: &Actor, rx: &mut Receiver<Pesan>) -> Result<Tulis> {
    let mut conn = lite::open(path)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut cells = Cells::default();
    let mut all: Vec<Vec<(usize, TransaksiValues)>> = Vec::new();
    let (mut ok, mut stored_ticket, mut n) = (false, false, 0);
    {
        let mut st = tx.prepare(INSERT)?;
        let (mut mulai, mut tanggal) = (String::with_capacity(32), String::with_capacity(10));
        let mut wait = std::time::Duration::ZERO;
        loop {
            let t = std::time::Instant::now();
            let Some(m) = rx.blocking_recv() else { break };
            wait += t.elapsed();
            let rows = match m {
                Pesan::Akhir { commit, cells: c } => {
                    (ok, cells) = (commit, c);
                    continue;
                }
                Pesan::Baris(rows) => rows,
            };
            if !stored_ticket {
                for (_, v) in &rows {
                    mulai.clear();
                    lite::datetime_text(v.t.mulai, &mut mulai);
                    tanggal.clear();
                    lite::date_text(v.t.tanggal, &mut tanggal);
                    st.raw_bind_parameter(1, v.unit_id)?;
                    st.raw_bind_parameter(2, v.t.tiket.as_str())?;
                    st.raw_bind_parameter(3, v.t.layanan.as_str())?;
                    st.raw_bind_parameter(4, mulai.as_str())?;
                    st.raw_bind_parameter(5, tanggal.as_str())?;
                    st.raw_bind_parameter(6, v.t.durasi_detik)?;
                    st.raw_bind_parameter(7, v.t.nip_petugas.as_deref())?;
                    st.raw_bind_parameter(8, v.t.kanal.as_deref())?;
                    if st.raw_execute()? != 1 {
                        stored_ticket = true;
                        break;
                    }
                }
            }
            n += rows.len();
            all.push(rows);
        }
        // Time the writer waited for the reader: near zero when the database is the bottleneck.
        tracing::debug!(tunggu_ms = wait.as_millis(), "impor layanan: sisip");
    }
    if stored_ticket || !ok || n == 0 {
        tx.rollback()?;
        return Ok(Tulis::Batal(all.into_iter().flatten().collect()));
    }
    let t0 = std::time::Instant::now();
    let add = cells.tambahan(&all);
    tambah(&tx, &add)?;
    tracing::debug!(
        ms = t0.elapsed().as_millis(),
        sel = add.cells.len(),
        "impor layanan: ringkasan"
    );
    let summary = serde_json::json!({"jumlah": n}).to_string();
    lite::audit(
        &tx,
        actor,
        "impor",
        "layanan_transaksi",
        Some("impor"),
        Some(&summary),
    )?;
    let t0 = std::time::Instant::now();
    tx.commit()?;
    tracing::debug!(ms = t0.elapsed().as_millis(), "impor layanan: commit");
    // Ten million rows take a while to free: not on the caller's time.
    std::thread::spawn(move || drop(all));
    Ok(Tulis::Selesai(n))
}

/// `ringkasan_tambah!` on a direct connection: for each cell create the summary row if missing,
/// read it, store the merged durations; then the officers' days.
fn tambah(c: &Connection, t: &Tambahan<'_>) -> Result<()> {
    let mut kosong = c.prepare(&Sql::new(INSERT_KOSONG).positional())?;
    let mut select = c.prepare(&Sql::new(SELECT_SEL).positional())?;
    let mut update = c.prepare(&Sql::new(UPDATE_SEL).positional())?;
    let mut bulan = String::with_capacity(10);
    for s in &t.cells {
        bulan.clear();
        lite::date_text(s.bulan, &mut bulan);
        kosong.execute(rusqlite::params![
            s.unit_id,
            s.layanan,
            bulan,
            Vec::<u8>::new()
        ])?;
        let old: Vec<u8> =
            select.query_row(rusqlite::params![s.unit_id, s.layanan, bulan], |r| r.get(0))?;
        let blob = sebaran::merge(&old, &s.items).map_err(rusak)?;
        let n = i64::try_from(sebaran::len(&blob).unwrap_or(0)).unwrap_or(i64::MAX);
        update.execute(rusqlite::params![n, blob, s.unit_id, s.layanan, bulan])?;
    }
    for q in &t.petugas {
        lite::execute(c, q)?;
    }
    Ok(())
}
