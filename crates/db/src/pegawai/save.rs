//! Writing employees: one record from a form or the API, or many from an import, always with the
//! position history (a changed position or unit closes the old one in `riwayat_jabatan`) and the
//! audit log.

use std::collections::HashMap;

use bangkom_core::error::FieldError;
use bangkom_core::pegawai::Pegawai;
use serde::Serialize;

use super::{COLUMNS, PegawaiRow, Scope, words};
use crate::audit::{Actor, json};
use crate::org::OrgIndex;
use crate::query::Sql;
use crate::{Arg, BeginWrite, Db, DbError, Result, on};

/// Closes the current position of `old` in the history: it ended when the new one started (or now).
macro_rules! close_position {
    ($conn:expr, $old:expr, $new_start:expr, $now:expr) => {{
        let old: &PegawaiRow = $old;
        let selesai: time::Date = $new_start.unwrap_or($now.date());
        sqlx::query(
            "INSERT INTO riwayat_jabatan (pegawai_id, jenis_jabatan, jabatan, jenjang, golongan, unit_id, mulai, selesai) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(old.pegawai_id)
        .bind(old.jenis_jabatan.as_str())
        .bind(old.jabatan.as_str())
        .bind(old.jenjang.as_deref())
        .bind(old.golongan.as_str())
        .bind(old.unit_id)
        .bind(old.tmt_jabatan)
        .bind(selesai)
        .execute($conn)
        .await?;
    }};
}

/// Deletes the word rows of employee `id` under its old name, by their full key (the word table
/// has no other index; migration 0008).
macro_rules! delete_words {
    ($conn:expr, $id:expr, $old_nama:expr) => {{
        let nama: &str = $old_nama;
        let urut = nama.to_lowercase();
        for w in words(nama) {
            sqlx::query(
                "DELETE FROM pegawai_kata WHERE kata = $1 AND nama_urut = $2 AND pegawai_id = $3",
            )
            .bind(w)
            .bind(urut.as_str())
            .bind($id)
            .execute($conn)
            .await?;
        }
    }};
}

/// A validated employee with its unit resolved to org ids: what gets stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PegawaiValues {
    pub nip: String,
    pub nama: String,
    pub gelar_depan: Option<String>,
    pub gelar_belakang: Option<String>,
    pub jenis_kelamin: String,
    pub tanggal_lahir: time::Date,
    pub jenis_asn: String,
    pub golongan: String,
    pub golongan_rank: i64,
    pub jenis_jabatan: String,
    pub jabatan: String,
    pub jenjang: Option<String>,
    pub unit_id: i64,
    pub opd_id: i64,
    pub pemda_id: i64,
    pub status: String,
    pub tmt_jabatan: Option<time::Date>,
}

impl PegawaiValues {
    /// Resolves the unit code against the tree. The unit must be an OPD or a unit, not a pemda.
    pub fn resolve(p: &Pegawai, org: &OrgIndex) -> Result<PegawaiValues, FieldError> {
        let unit = org.by_kode(p.unit.as_str()).ok_or_else(|| {
            FieldError::new("unit", format!("kode unit {} tidak terdaftar", p.unit))
        })?;
        let (Some(opd_id), Some(pemda_id)) = (unit.opd_id, unit.pemda_id) else {
            return Err(FieldError::new(
                "unit",
                format!(
                    "{} adalah pemda; pegawai harus di OPD atau unit kerja",
                    p.unit
                ),
            ));
        };
        Ok(PegawaiValues {
            nip: p.nip.as_str().to_string(),
            nama: p.nama.clone(),
            gelar_depan: p.gelar_depan.clone(),
            gelar_belakang: p.gelar_belakang.clone(),
            jenis_kelamin: p.jenis_kelamin.code().to_string(),
            tanggal_lahir: p.tanggal_lahir,
            jenis_asn: p.jenis_asn.code().to_string(),
            golongan: p.golongan.code(),
            golongan_rank: i64::from(p.golongan.rank()),
            jenis_jabatan: p.jenis_jabatan.code().to_string(),
            jabatan: p.jabatan.clone(),
            jenjang: p.jenjang.clone(),
            unit_id: unit.org_id,
            opd_id,
            pemda_id,
            status: p.status.code().to_string(),
            tmt_jabatan: p.tmt_jabatan,
        })
    }

    fn as_row(&self, pegawai_id: i64) -> PegawaiRow {
        PegawaiRow {
            pegawai_id,
            nip: self.nip.clone(),
            nama: self.nama.clone(),
            gelar_depan: self.gelar_depan.clone(),
            gelar_belakang: self.gelar_belakang.clone(),
            jenis_kelamin: self.jenis_kelamin.clone(),
            tanggal_lahir: self.tanggal_lahir,
            jenis_asn: self.jenis_asn.clone(),
            golongan: self.golongan.clone(),
            golongan_rank: self.golongan_rank,
            jenis_jabatan: self.jenis_jabatan.clone(),
            jabatan: self.jabatan.clone(),
            jenjang: self.jenjang.clone(),
            unit_id: self.unit_id,
            opd_id: self.opd_id,
            pemda_id: self.pemda_id,
            status: self.status.clone(),
            tmt_jabatan: self.tmt_jabatan,
        }
    }

    /// The position (type, name, level, unit) differs from the stored one: a rotation or promotion.
    fn position_changed(&self, old: &PegawaiRow) -> bool {
        self.jabatan != old.jabatan
            || self.jenis_jabatan != old.jenis_jabatan
            || self.jenjang != old.jenjang
            || self.unit_id != old.unit_id
    }

    fn args(&self) -> [Arg; 17] {
        let opt = |o: &Option<String>| o.clone().map_or(Arg::NT, Arg::T);
        [
            Arg::T(self.nip.clone()),
            Arg::T(self.nama.clone()),
            Arg::T(self.nama.to_lowercase()),
            opt(&self.gelar_depan),
            opt(&self.gelar_belakang),
            Arg::T(self.jenis_kelamin.clone()),
            Arg::D(self.tanggal_lahir),
            Arg::T(self.jenis_asn.clone()),
            Arg::T(self.golongan.clone()),
            Arg::I(self.golongan_rank),
            Arg::T(self.jenis_jabatan.clone()),
            Arg::T(self.jabatan.clone()),
            opt(&self.jenjang),
            Arg::I(self.unit_id),
            Arg::I(self.opd_id),
            Arg::I(self.pemda_id),
            Arg::T(self.status.clone()),
        ]
    }
}

const INSERT_COLS: &str = "nip, nama, nama_urut, gelar_depan, gelar_belakang, jenis_kelamin, tanggal_lahir, \
    jenis_asn, golongan, golongan_rank, jenis_jabatan, jabatan, jenjang, unit_id, opd_id, pemda_id, status, \
    tmt_jabatan, diubah";

/// What a save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SaveOutcome {
    /// A new record, with its id.
    Baru(i64),
    /// An existing record changed.
    Diubah(i64),
    /// Nothing differed.
    Sama(i64),
}

impl SaveOutcome {
    /// The record's id.
    pub fn id(self) -> i64 {
        match self {
            SaveOutcome::Baru(i) | SaveOutcome::Diubah(i) | SaveOutcome::Sama(i) => i,
        }
    }
}

/// Counts of an import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportCounts {
    /// New records.
    pub baru: usize,
    /// Changed records.
    pub diubah: usize,
    /// Unchanged records.
    pub sama: usize,
}

/// A row the import could not write, with its source row number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowConflict {
    /// Source row.
    pub row: usize,
    /// Why.
    pub error: FieldError,
}

/// Builds `INSERT … VALUES (…), (…)` for a batch.
fn insert_sql(batch: &[&PegawaiValues], now: time::OffsetDateTime) -> Sql {
    let mut q = Sql::new(&format!("INSERT INTO pegawai ({INSERT_COLS}) VALUES "));
    for (i, v) in batch.iter().enumerate() {
        if i > 0 {
            q.push(",");
        }
        let mut ph: Vec<String> = v.args().into_iter().map(|a| q.arg(a)).collect();
        ph.push(q.arg(v.tmt_jabatan.map_or(Arg::ND, Arg::D)));
        ph.push(q.arg(Arg::Ts(now)));
        q.push(&format!("({})", ph.join(",")));
    }
    q.push(" RETURNING pegawai_id, nip");
    q
}

fn update_sql(v: &PegawaiValues, id: i64, now: time::OffsetDateTime) -> Sql {
    let mut q = Sql::new("UPDATE pegawai SET ");
    let cols: Vec<&str> = INSERT_COLS.split(", ").collect();
    let mut vals: Vec<Arg> = v.args().into_iter().collect();
    vals.push(v.tmt_jabatan.map_or(Arg::ND, Arg::D));
    vals.push(Arg::Ts(now));
    let mut sets = Vec::new();
    for (c, a) in cols.iter().zip(vals).skip(1) {
        let ph = q.arg(a);
        sets.push(format!("{c} = {ph}"));
    }
    q.push(&sets.join(", "));
    q.push(&format!(" WHERE pegawai_id = {id}"));
    q
}

fn words_sql(pairs: &[(i64, &str)]) -> Option<Sql> {
    let mut q = Sql::new("INSERT INTO pegawai_kata (kata, nama_urut, pegawai_id) VALUES ");
    let mut first = true;
    for (id, nama) in pairs {
        let urut = nama.to_lowercase();
        for w in words(nama) {
            if !first {
                q.push(",");
            }
            first = false;
            let a = q.arg(Arg::T(w));
            let b = q.arg(Arg::T(urut.clone()));
            q.push(&format!("({a}, {b}, {id})"));
        }
    }
    (!first).then_some(q)
}

/// New employees in SQLite: one prepared multi-row `INSERT` with anonymous `?` parameters (see
/// [`Sql::positional`]), the same text for every full batch so that it is prepared once, with the
/// ids assigned here — `RETURNING` sent every new id back through the driver's channel one row at
/// a time. Values are bound straight from the fields, without an intermediate argument list.
fn sqlite_insert_text(rows: usize) -> String {
    let one = format!("({})", vec!["?"; 20].join(","));
    format!(
        "INSERT INTO pegawai (pegawai_id, {INSERT_COLS}) VALUES {}",
        vec![one.as_str(); rows].join(",")
    )
}

/// Word rows in SQLite, like [`sqlite_insert_text`].
fn sqlite_words_text(rows: usize) -> String {
    format!(
        "INSERT INTO pegawai_kata (kata, nama_urut, pegawai_id) VALUES {}",
        vec!["(?,?,?)"; rows].join(",")
    )
}

/// Word rows per SQLite statement.
const SQLITE_WORD_BATCH: usize = 2_000; // 6,000 parameters

/// Word rows per INSERT (3 parameters each).
const WORD_BATCH: usize = 500;

/// The secondary indexes of `pegawai` and `pegawai_kata`, exactly as the migrations create them.
const SECONDARY_INDEXES: &[(&str, &str)] = &[
    (
        "pegawai_nama",
        "CREATE INDEX pegawai_nama ON pegawai (nama_urut, pegawai_id)",
    ),
    (
        "pegawai_opd_nama",
        "CREATE INDEX pegawai_opd_nama ON pegawai (opd_id, nama_urut)",
    ),
    (
        "pegawai_pemda_nama",
        "CREATE INDEX pegawai_pemda_nama ON pegawai (pemda_id, nama_urut)",
    ),
    (
        "pegawai_unit",
        "CREATE INDEX pegawai_unit ON pegawai (unit_id)",
    ),
];

/// The page cache (KiB) of a bulk load of `rows` employees: about 1 KiB per row (table, NIP index,
/// words), between 256 MiB and 2 GiB.
fn bulk_cache_kib(rows: usize) -> usize {
    rows.clamp(262_144, 2_097_152)
}

/// The rows per multi-row INSERT: 19 columns × 400 stays under SQLite's 32,766 parameters.
const BATCH: usize = 400;

impl Db {
    /// Creates (`edit_id` None) or updates one employee. Creating a NIP that exists is a conflict;
    /// editing keeps the NIP. Both are checked against the scope (out of scope = not found).
    pub async fn pegawai_save(
        &self,
        actor: &Actor,
        scope: &Scope,
        v: &PegawaiValues,
        edit_id: Option<i64>,
    ) -> Result<SaveOutcome> {
        if !scope.allows_opd(v.opd_id) {
            return Err(match edit_id {
                Some(_) => DbError::NotFound,
                None => DbError::Invalid(FieldError::new("unit", "unit di luar OPD Anda").into()),
            });
        }
        let now = crate::now();
        let outcome = on!(self, p => {
            let mut tx = p.begin_write().await?;
            let sql = format!("SELECT {COLUMNS} FROM pegawai WHERE nip = $1");
            let old: Option<PegawaiRow> = sqlx::query_as(&sql).bind(&v.nip).fetch_optional(&mut *tx).await?;
            let outcome = match (old, edit_id) {
                (Some(_), None) => {
                    return Err(DbError::Invalid(
                        FieldError::new("nip", format!("NIP {} sudah terdaftar", v.nip)).into(),
                    ))
                }
                (None, Some(_)) => return Err(DbError::NotFound),
                (Some(old), Some(id)) if old.pegawai_id != id || !scope.allows_opd(old.opd_id) => {
                    return Err(DbError::NotFound)
                }
                (Some(old), Some(id)) => {
                    let new = v.as_row(id);
                    if new == old {
                        SaveOutcome::Sama(id)
                    } else {
                        if v.position_changed(&old) {
                            close_position!(&mut *tx, &old, v.tmt_jabatan, now);
                        }
                        let q = update_sql(v, id, now);
                        crate::bind_args!(sqlx::query(&q.text), &q.args).execute(&mut *tx).await?;
                        if old.nama != v.nama {
                            delete_words!(&mut *tx, id, &old.nama);
                            if let Some(q) = words_sql(&[(id, v.nama.as_str())]) {
                                crate::bind_args!(sqlx::query(&q.text), &q.args).execute(&mut *tx).await?;
                            }
                        }
                        crate::audit_record!(&mut *tx, actor, "ubah", "pegawai", v.nip.as_str(), Some(json(&old)), Some(json(&new)));
                        SaveOutcome::Diubah(id)
                    }
                }
                (None, None) => {
                    let q = insert_sql(&[v], now);
                    let (id, _): (i64, String) =
                        crate::bind_args!(sqlx::query_as(&q.text), &q.args).fetch_one(&mut *tx).await?;
                    if let Some(q) = words_sql(&[(id, v.nama.as_str())]) {
                        crate::bind_args!(sqlx::query(&q.text), &q.args).execute(&mut *tx).await?;
                    }
                    crate::audit_record!(&mut *tx, actor, "tambah", "pegawai", v.nip.as_str(), None, Some(json(&v.as_row(id))));
                    SaveOutcome::Baru(id)
                }
            };
            tx.commit().await?;
            outcome
        });
        Ok(outcome)
    }

    /// Upserts many employees by NIP in ONE transaction (all or nothing). NIPs stored under an OPD
    /// outside the scope are returned as row conflicts and nothing is written. New records are
    /// audited by one summary entry; changed ones row by row, with before and after.
    pub async fn pegawai_import(
        &self,
        actor: &Actor,
        scope: &Scope,
        rows: &[(usize, PegawaiValues)],
        mut progress: impl FnMut(usize),
    ) -> Result<std::result::Result<ImportCounts, Vec<RowConflict>>> {
        let now = crate::now();
        let mut counts = ImportCounts::default();
        let mut conflicts = Vec::new();
        on!(self, p => {
            let mut tx = p.begin_write().await?;
            // Words of new employees, inserted at the end in key order: appending to the word
            // index is several times cheaper than inserting at random places in it.
            let mut new_words: Vec<(String, String, i64)> = Vec::new();
            // A large load rebuilds the secondary indexes once at the end instead of updating them
            // row by row (CREATE INDEX sorts; the same DDL on both backends).
            let bulk = rows.len() >= self.bulk_rows;
            let sqlite = self.backend() == "sqlite";
            let t0 = std::time::Instant::now();
            if bulk && sqlite {
                // The load's working set (the table, the NIP index, the words) must stay in the
                // page cache: with the default 64 MB, dirty pages spill to the WAL mid-transaction
                // and are read back again, which costs more than the inserts themselves.
                sqlx::query(&format!("PRAGMA cache_size = -{}", bulk_cache_kib(rows.len())))
                    .execute(&mut *tx)
                    .await?;
            }
            if bulk {
                for (name, _) in SECONDARY_INDEXES {
                    sqlx::query(&format!("DROP INDEX IF EXISTS {name}")).execute(&mut *tx).await?;
                }
            }
            // Loading into an empty registry (the first import of a pemda) needs no lookups.
            let (stored,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM (SELECT 1 FROM pegawai LIMIT 1) t")
                .fetch_one(&mut *tx)
                .await?;
            // New rows go in NIP order: the NIP index (and the table, whose ids follow) then only
            // grows at its right edge instead of being split at random places.
            let mut ordered: Vec<&(usize, PegawaiValues)> = rows.iter().collect();
            ordered.sort_unstable_by(|a, b| a.1.nip.cmp(&b.1.nip));
            // SQLite: ids are assigned here (we hold the write lock), so nothing has to come back.
            let mut next_id: i64 = if sqlite {
                let (max,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(pegawai_id), 0) FROM pegawai")
                    .fetch_one(&mut *tx)
                    .await?;
                max + 1
            } else {
                0
            };
            for chunk in ordered.chunks(BATCH) {
                let mut q = Sql::new(&format!("SELECT {COLUMNS} FROM pegawai WHERE nip IN ("));
                for (i, (_, v)) in chunk.iter().copied().enumerate() {
                    if i > 0 {
                        q.push(",");
                    }
                    let a = q.arg(Arg::T(v.nip.clone()));
                    q.push(&a);
                }
                q.push(")");
                let q_text = q.text_for(self);
                let existing: Vec<PegawaiRow> = if stored == 0 {
                    Vec::new()
                } else {
                    crate::bind_args!(sqlx::query_as(&q_text), &q.args).fetch_all(&mut *tx).await?
                };
                let existing: HashMap<&str, &PegawaiRow> = existing.iter().map(|r| (r.nip.as_str(), r)).collect();
                let mut fresh: Vec<&PegawaiValues> = Vec::new();
                for (row, v) in chunk.iter().copied() {
                    if !scope.allows_opd(v.opd_id) {
                        conflicts.push(RowConflict { row: *row, error: FieldError::new("unit", "unit di luar OPD Anda") });
                        continue;
                    }
                    match existing.get(v.nip.as_str()) {
                        None => fresh.push(v),
                        Some(old) if !scope.allows_opd(old.opd_id) => conflicts.push(RowConflict {
                            row: *row,
                            error: FieldError::new("nip", "NIP ini terdaftar di OPD lain; minta BKD memindahkannya"),
                        }),
                        Some(old) => {
                            let new = v.as_row(old.pegawai_id);
                            if &new == *old {
                                counts.sama += 1;
                                continue;
                            }
                            if !conflicts.is_empty() {
                                continue;
                            }
                            if v.position_changed(old) {
                                close_position!(&mut *tx, old, v.tmt_jabatan, now);
                            }
                            let uq = update_sql(v, old.pegawai_id, now);
                            crate::bind_args!(sqlx::query(&uq.text), &uq.args).execute(&mut *tx).await?;
                            if old.nama != v.nama {
                                delete_words!(&mut *tx, old.pegawai_id, &old.nama);
                                if let Some(wq) = words_sql(&[(old.pegawai_id, v.nama.as_str())]) {
                                    crate::bind_args!(sqlx::query(&wq.text), &wq.args).execute(&mut *tx).await?;
                                }
                            }
                            crate::audit_record!(&mut *tx, actor, "ubah", "pegawai", v.nip.as_str(), Some(json(*old)), Some(json(&new)));
                            counts.diubah += 1;
                        }
                    }
                }
                if !conflicts.is_empty() || fresh.is_empty() {
                    progress(chunk.len());
                    continue;
                }
                if sqlite {
                    let text = sqlite_insert_text(fresh.len());
                    let mut q = sqlx::query(&text);
                    let lower: Vec<String> = fresh.iter().map(|v| v.nama.to_lowercase()).collect();
                    for (i, v) in fresh.iter().enumerate() {
                        q = q
                            .bind(next_id + i as i64)
                            .bind(v.nip.as_str())
                            .bind(v.nama.as_str())
                            .bind(lower[i].as_str())
                            .bind(v.gelar_depan.as_deref())
                            .bind(v.gelar_belakang.as_deref())
                            .bind(v.jenis_kelamin.as_str())
                            .bind(v.tanggal_lahir)
                            .bind(v.jenis_asn.as_str())
                            .bind(v.golongan.as_str())
                            .bind(v.golongan_rank)
                            .bind(v.jenis_jabatan.as_str())
                            .bind(v.jabatan.as_str())
                            .bind(v.jenjang.as_deref())
                            .bind(v.unit_id)
                            .bind(v.opd_id)
                            .bind(v.pemda_id)
                            .bind(v.status.as_str())
                            .bind(v.tmt_jabatan)
                            .bind(now);
                    }
                    q.execute(&mut *tx).await?;
                    for v in &fresh {
                        let urut = v.nama.to_lowercase();
                        new_words.extend(words(&v.nama).into_iter().map(|w| (w, urut.clone(), next_id)));
                        next_id += 1;
                    }
                } else {
                    let iq = insert_sql(&fresh, now);
                    let ids: Vec<(i64, String)> =
                        crate::bind_args!(sqlx::query_as(&iq.text), &iq.args).fetch_all(&mut *tx).await?;
                    let by_nip: HashMap<&str, &PegawaiValues> = fresh.iter().map(|v| (v.nip.as_str(), *v)).collect();
                    for (id, nip) in &ids {
                        if let Some(v) = by_nip.get(nip.as_str()) {
                            let urut = v.nama.to_lowercase();
                            new_words.extend(words(&v.nama).into_iter().map(|w| (w, urut.clone(), *id)));
                        }
                    }
                }
                counts.baru += fresh.len();
                progress(chunk.len());
            }
            if !conflicts.is_empty() {
                tx.rollback().await?;
                conflicts.sort_by_key(|c| c.row);
                return Ok(Err(conflicts));
            }
            tracing::debug!(ms = t0.elapsed().as_millis(), "impor: baris");
            new_words.sort_unstable();
            for part in new_words.chunks(if sqlite { SQLITE_WORD_BATCH } else { WORD_BATCH }) {
                if sqlite {
                    let text = sqlite_words_text(part.len());
                    let mut q = sqlx::query(&text);
                    for (kata, urut, id) in part {
                        q = q.bind(kata.as_str()).bind(urut.as_str()).bind(*id);
                    }
                    q.execute(&mut *tx).await?;
                    continue;
                }
                let mut wq = Sql::new("INSERT INTO pegawai_kata (kata, nama_urut, pegawai_id) VALUES ");
                for (i, (kata, urut, id)) in part.iter().enumerate() {
                    if i > 0 {
                        wq.push(",");
                    }
                    let a = wq.arg(Arg::T(kata.clone()));
                    let b = wq.arg(Arg::T(urut.clone()));
                    wq.push(&format!("({a}, {b}, {id})"));
                }
                let wq_text = wq.text_for(self);
                crate::bind_args!(sqlx::query(&wq_text), &wq.args).execute(&mut *tx).await?;
            }
            tracing::debug!(ms = t0.elapsed().as_millis(), "impor: kata");
            if bulk {
                for (_, ddl) in SECONDARY_INDEXES {
                    sqlx::query(ddl).execute(&mut *tx).await?;
                }
            }
            let summary = serde_json::json!({"baru": counts.baru, "diubah": counts.diubah, "sama": counts.sama}).to_string();
            crate::audit_record!(&mut *tx, actor, "impor", "pegawai", "impor", None, Some(summary));
            tracing::debug!(ms = t0.elapsed().as_millis(), "impor: indeks");
            tx.commit().await?;
            if bulk && sqlite {
                sqlx::query(&format!("PRAGMA cache_size = {}", crate::SQLITE_CACHE_SIZE)).execute(p).await?;
            }
            // A bulk load changes the shape of the data: refresh the planner's statistics so that
            // searches pick the right index (ANALYZE is what PRAGMA optimize runs when needed).
            if counts.baru > 10_000 {
            tracing::debug!(ms = t0.elapsed().as_millis(), "impor: commit");
                if self.backend() == "sqlite" {
                    // Sampled statistics, as `PRAGMA optimize` gathers them: a full ANALYZE reads
                    // every index entry of a million-row table for the same plans.
                    let mut c = p.acquire().await?;
                    sqlx::query("PRAGMA analysis_limit = 1000").execute(&mut *c).await?;
                    sqlx::query("ANALYZE").execute(&mut *c).await?;
                    sqlx::query("PRAGMA analysis_limit = 0").execute(&mut *c).await?;
                } else {
                    sqlx::query("ANALYZE pegawai").execute(p).await?;
                }
                if self.backend() == "postgres" {
                    sqlx::query("ANALYZE pegawai_kata").execute(p).await?;
                }
            }
        });
        Ok(Ok(counts))
    }
}

#[cfg(test)]
mod tests {
    use super::SECONDARY_INDEXES;

    /// The indexes a bulk import drops and rebuilds are exactly those the migrations leave: all
    /// `pegawai_*` indexes of 0001 except the word table's pegawai_id index, which 0008 removes.
    #[test]
    fn rebuilt_indexes_match_the_migrations() {
        for backend in ["sqlite", "postgres"] {
            let read = |name: &str| {
                let path = format!("{}/migrations/{backend}/{name}", env!("CARGO_MANIFEST_DIR"));
                std::fs::read_to_string(path).unwrap()
            };
            let sql = read("0001_registry.sql");
            for (name, ddl) in SECONDARY_INDEXES {
                assert!(
                    sql.contains(&format!("{ddl};")),
                    "{backend}: {name} differs from the migration"
                );
            }
            let declared = sql.matches("CREATE INDEX pegawai_").count();
            assert_eq!(
                declared,
                SECONDARY_INDEXES.len() + 1,
                "{backend}: an index is missing from the list"
            );
            let later = read("0008_pegawai_kata.sql");
            assert!(
                later.contains("DROP INDEX IF EXISTS pegawai_kata_pegawai")
                    || later.contains("DROP TABLE pegawai_kata;"),
                "{backend}: 0008 removes the word table's pegawai_id index"
            );
        }
    }
}
