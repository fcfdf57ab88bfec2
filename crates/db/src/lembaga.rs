//! Training institutions (*lembaga pelatihan*), their cooperation agreements, the institution of a
//! `lembaga` account and the institution organising a program. Every write is audited.

use bangkom_core::lembaga::{Lembaga, Pks};
use serde::Serialize;

use crate::audit::{Actor, json};
use crate::program::ProgramRow;
use crate::{BeginWrite, Db, DbError, Result, on};

/// An institution as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
#[allow(missing_docs)]
pub struct LembagaRow {
    pub lembaga_id: i64,
    pub kode: String,
    pub nama: String,
    /// `pemerintah` / `swasta`.
    pub jenis: String,
    pub akreditasi: Option<String>,
    pub akreditasi_sampai: Option<time::Date>,
    pub kontak_nama: Option<String>,
    pub kontak_email: Option<String>,
    pub kontak_telepon: Option<String>,
    pub alamat: Option<String>,
}

impl LembagaRow {
    /// Accreditation still valid on `today` (a grade without an end date counts as valid).
    pub fn terakreditasi(&self, today: time::Date) -> bool {
        self.akreditasi.is_some() && self.akreditasi_sampai.is_none_or(|d| d >= today)
    }
}

/// A cooperation agreement as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
#[allow(missing_docs)]
pub struct PksRow {
    pub pks_id: i64,
    pub lembaga_id: i64,
    pub nomor: String,
    pub mulai: time::Date,
    pub selesai: time::Date,
    pub ruang_lingkup: String,
}

const COLS: &str = "lembaga_id, kode, nama, jenis, akreditasi, akreditasi_sampai, kontak_nama, \
    kontak_email, kontak_telepon, alamat";

impl Db {
    /// Every institution, by name.
    pub async fn lembaga_list(&self) -> Result<Vec<LembagaRow>> {
        let sql = format!("SELECT {COLS} FROM lembaga ORDER BY nama, kode");
        Ok(on!(self, p => sqlx::query_as(&sql).fetch_all(p).await?))
    }

    /// One institution by code.
    pub async fn lembaga_by_kode(&self, kode: &str) -> Result<LembagaRow> {
        let sql = format!("SELECT {COLS} FROM lembaga WHERE kode = $1");
        let row: Option<LembagaRow> = on!(self, p => sqlx::query_as(&sql)
            .bind(kode.trim().to_uppercase()).fetch_optional(p).await?);
        row.ok_or(DbError::NotFound)
    }

    /// One institution by id.
    pub async fn lembaga_by_id(&self, id: i64) -> Result<LembagaRow> {
        let sql = format!("SELECT {COLS} FROM lembaga WHERE lembaga_id = $1");
        let row: Option<LembagaRow> =
            on!(self, p => sqlx::query_as(&sql).bind(id).fetch_optional(p).await?);
        row.ok_or(DbError::NotFound)
    }

    /// Adds an institution; a taken code is a conflict.
    pub async fn lembaga_create(&self, actor: &Actor, l: &Lembaga) -> Result<i64> {
        if self.lembaga_by_kode(&l.kode).await.is_ok() {
            return Err(DbError::Conflict(format!(
                "kode lembaga {} sudah dipakai",
                l.kode
            )));
        }
        let id = on!(self, p => {
            let mut tx = p.begin_write().await?;
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO lembaga (kode, nama, jenis, akreditasi, akreditasi_sampai, kontak_nama, \
                 kontak_email, kontak_telepon, alamat) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
                 RETURNING lembaga_id")
                .bind(&l.kode).bind(&l.nama).bind(l.jenis.code()).bind(&l.akreditasi)
                .bind(l.akreditasi_sampai).bind(&l.kontak_nama).bind(&l.kontak_email)
                .bind(&l.kontak_telepon).bind(&l.alamat)
                .fetch_one(&mut *tx).await?;
            crate::audit_record!(&mut *tx, actor, "tambah", "lembaga", l.kode.as_str(), None, Some(json(l)));
            tx.commit().await?;
            id
        });
        Ok(id)
    }

    /// Replaces an institution's fields (the code in `l` must be the stored one: codes are keys).
    pub async fn lembaga_update(&self, actor: &Actor, l: &Lembaga) -> Result<()> {
        let before = self.lembaga_by_kode(&l.kode).await?;
        on!(self, p => {
            let mut tx = p.begin_write().await?;
            sqlx::query(
                "UPDATE lembaga SET nama = $1, jenis = $2, akreditasi = $3, akreditasi_sampai = $4, \
                 kontak_nama = $5, kontak_email = $6, kontak_telepon = $7, alamat = $8 WHERE lembaga_id = $9")
                .bind(&l.nama).bind(l.jenis.code()).bind(&l.akreditasi).bind(l.akreditasi_sampai)
                .bind(&l.kontak_nama).bind(&l.kontak_email).bind(&l.kontak_telepon).bind(&l.alamat)
                .bind(before.lembaga_id)
                .execute(&mut *tx).await?;
            crate::audit_record!(&mut *tx, actor, "ubah", "lembaga", l.kode.as_str(), Some(json(&before)), Some(json(l)));
            tx.commit().await?;
        });
        Ok(())
    }

    /// The agreements of an institution, newest first.
    pub async fn pks_list(&self, lembaga_id: i64) -> Result<Vec<PksRow>> {
        Ok(on!(self, p => sqlx::query_as(
            "SELECT pks_id, lembaga_id, nomor, mulai, selesai, ruang_lingkup FROM perjanjian_kerja_sama \
             WHERE lembaga_id = $1 ORDER BY mulai DESC, nomor")
            .bind(lembaga_id).fetch_all(p).await?))
    }

    /// Adds an agreement; a number already used (by any institution) is a conflict.
    pub async fn pks_add(&self, actor: &Actor, lembaga: &LembagaRow, k: &Pks) -> Result<i64> {
        let id = on!(self, p => {
            let mut tx = p.begin_write().await?;
            let taken: Option<(i64,)> = sqlx::query_as("SELECT pks_id FROM perjanjian_kerja_sama WHERE nomor = $1")
                .bind(&k.nomor).fetch_optional(&mut *tx).await?;
            if taken.is_some() {
                return Err(DbError::Conflict(format!("nomor PKS {} sudah tercatat", k.nomor)));
            }
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO perjanjian_kerja_sama (lembaga_id, nomor, mulai, selesai, ruang_lingkup) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING pks_id")
                .bind(lembaga.lembaga_id).bind(&k.nomor).bind(k.mulai).bind(k.selesai).bind(&k.ruang_lingkup)
                .fetch_one(&mut *tx).await?;
            let kunci = format!("{}#{}", lembaga.kode, k.nomor);
            crate::audit_record!(&mut *tx, actor, "tambah", "perjanjian_kerja_sama", kunci.as_str(), None, Some(json(k)));
            tx.commit().await?;
            id
        });
        Ok(id)
    }

    /// One agreement of institution `lembaga_id` (another institution's is `NotFound`).
    pub async fn pks_by_id(&self, lembaga_id: i64, pks_id: i64) -> Result<PksRow> {
        let row: Option<PksRow> = on!(self, p => sqlx::query_as(
            "SELECT pks_id, lembaga_id, nomor, mulai, selesai, ruang_lingkup FROM perjanjian_kerja_sama \
             WHERE pks_id = $1 AND lembaga_id = $2")
            .bind(pks_id).bind(lembaga_id).fetch_optional(p).await?);
        row.ok_or(DbError::NotFound)
    }

    /// The codes of the institution's programs held within the agreement's validity: the
    /// programs the agreement is the basis of (issue 4 item 1).
    pub async fn pks_program(&self, k: &PksRow) -> Result<Vec<String>> {
        let rows: Vec<(String,)> = on!(self, p => sqlx::query_as(
            "SELECT kode FROM program WHERE lembaga_id = $1 AND mulai <= $2 AND selesai >= $3 ORDER BY mulai, kode")
            .bind(k.lembaga_id).bind(k.selesai).bind(k.mulai).fetch_all(p).await?);
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// Replaces an agreement's number, dates and scope; a number used by another agreement is a
    /// conflict. Audited with the values before and after.
    ///
    /// # Errors
    /// `NotFound` for an unknown agreement or one of another institution; `Conflict` for a used
    /// number.
    pub async fn pks_update(
        &self,
        actor: &Actor,
        lembaga: &LembagaRow,
        pks_id: i64,
        k: &Pks,
    ) -> Result<()> {
        let before = self.pks_by_id(lembaga.lembaga_id, pks_id).await?;
        on!(self, p => {
            let mut tx = p.begin_write().await?;
            let taken: Option<(i64,)> = sqlx::query_as(
                "SELECT pks_id FROM perjanjian_kerja_sama WHERE nomor = $1 AND pks_id <> $2")
                .bind(&k.nomor).bind(pks_id).fetch_optional(&mut *tx).await?;
            if taken.is_some() {
                return Err(DbError::Conflict(format!("nomor PKS {} sudah tercatat", k.nomor)));
            }
            sqlx::query(
                "UPDATE perjanjian_kerja_sama SET nomor = $1, mulai = $2, selesai = $3, ruang_lingkup = $4 \
                 WHERE pks_id = $5")
                .bind(&k.nomor).bind(k.mulai).bind(k.selesai).bind(&k.ruang_lingkup).bind(pks_id)
                .execute(&mut *tx).await?;
            let kunci = format!("{}#{}", lembaga.kode, before.nomor);
            crate::audit_record!(&mut *tx, actor, "ubah", "perjanjian_kerja_sama", kunci.as_str(), Some(json(&before)), Some(json(k)));
            tx.commit().await?;
        });
        Ok(())
    }

    /// Deletes an agreement, refused while programs of the institution fall within its validity
    /// (it is their basis). Audited with the deleted values.
    ///
    /// # Errors
    /// `NotFound` for an unknown agreement or one of another institution; `Conflict` naming the
    /// programs that rest on it.
    pub async fn pks_delete(&self, actor: &Actor, lembaga: &LembagaRow, pks_id: i64) -> Result<()> {
        let before = self.pks_by_id(lembaga.lembaga_id, pks_id).await?;
        let program = self.pks_program(&before).await?;
        if !program.is_empty() {
            return Err(DbError::Conflict(format!(
                "PKS {} tidak dapat dihapus: menjadi dasar {} program lembaga ini dalam masa berlakunya ({})",
                before.nomor,
                program.len(),
                program.join(", ")
            )));
        }
        on!(self, p => {
            let mut tx = p.begin_write().await?;
            sqlx::query("DELETE FROM perjanjian_kerja_sama WHERE pks_id = $1")
                .bind(pks_id).execute(&mut *tx).await?;
            let kunci = format!("{}#{}", lembaga.kode, before.nomor);
            crate::audit_record!(&mut *tx, actor, "hapus", "perjanjian_kerja_sama", kunci.as_str(), Some(json(&before)), None);
            tx.commit().await?;
        });
        Ok(())
    }

    /// Ties a `lembaga` account to its institution (replacing any earlier tie).
    pub async fn akun_lembaga_set(
        &self,
        actor: &Actor,
        akun_id: i64,
        lembaga: &LembagaRow,
    ) -> Result<()> {
        on!(self, p => {
            let mut tx = p.begin_write().await?;
            sqlx::query("INSERT INTO akun_lembaga (akun_id, lembaga_id) VALUES ($1, $2) \
                 ON CONFLICT (akun_id) DO UPDATE SET lembaga_id = excluded.lembaga_id")
                .bind(akun_id).bind(lembaga.lembaga_id).execute(&mut *tx).await?;
            let after = serde_json::json!({"lembaga": lembaga.kode}).to_string();
            crate::audit_record!(&mut *tx, actor, "ubah", "akun_lembaga", akun_id.to_string(), None, Some(after));
            tx.commit().await?;
        });
        Ok(())
    }

    /// The institution of an account, if any.
    pub async fn akun_lembaga(&self, akun_id: i64) -> Result<Option<i64>> {
        let row: Option<(i64,)> = on!(self, p => sqlx::query_as(
            "SELECT lembaga_id FROM akun_lembaga WHERE akun_id = $1")
            .bind(akun_id).fetch_optional(p).await?);
        Ok(row.map(|r| r.0))
    }

    /// Sets (or clears) the organising institution of a program.
    pub async fn program_lembaga_set(
        &self,
        actor: &Actor,
        program: &ProgramRow,
        lembaga: Option<&LembagaRow>,
    ) -> Result<()> {
        on!(self, p => {
            let mut tx = p.begin_write().await?;
            sqlx::query("UPDATE program SET lembaga_id = $1 WHERE program_id = $2")
                .bind(lembaga.map(|l| l.lembaga_id)).bind(program.program_id)
                .execute(&mut *tx).await?;
            let after = serde_json::json!({"lembaga": lembaga.map(|l| l.kode.as_str())}).to_string();
            crate::audit_record!(&mut *tx, actor, "ubah_lembaga", "program", program.kode.as_str(), None, Some(after));
            tx.commit().await?;
        });
        Ok(())
    }
}
