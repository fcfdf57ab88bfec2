//! Writing employees: one record from a form or the API, or many from an import, always with the
//! position history (a changed position or unit closes the old one in `riwayat_jabatan`) and the
//! audit log.

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
pub(super) use close_position;

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
pub(super) use delete_words;

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

    pub(super) fn as_row(&self, pegawai_id: i64) -> PegawaiRow {
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
    pub(super) fn position_changed(&self, old: &PegawaiRow) -> bool {
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

pub(super) const INSERT_COLS: &str = "nip, nama, nama_urut, gelar_depan, gelar_belakang, jenis_kelamin, tanggal_lahir, \
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
pub(super) fn insert_sql(batch: &[&PegawaiValues], now: time::OffsetDateTime) -> Sql {
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

pub(super) fn update_sql(v: &PegawaiValues, id: i64, now: time::OffsetDateTime) -> Sql {
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

pub(super) fn words_sql(pairs: &[(i64, &str)]) -> Option<Sql> {
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
}
