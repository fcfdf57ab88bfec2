//! SKM survey definitions per unit and service type, single-use tokens per service transaction,
//! and the answers to local questions (issue 3 §1, §2; migration 0011).
//!
//! A response given with a token is stored in the same write transaction that marks the token
//! used, so one token gives at most one response even under concurrent submissions: the
//! `UPDATE … WHERE dipakai IS NULL` lets exactly one transaction through.

use bangkom_core::error::ValidationErrors;
use bangkom_core::skm::{Definisi, JawabanLokal, TokenDitolak};

use crate::audit::Actor;
use crate::query::Sql;
use crate::skm::{ResponsValues, insert_rows, insert_sql, jawaban_i64};
use crate::skm_agregat::{Deltas, agregat_apply};
use crate::{BeginWrite, Db, DbError, Result, on};

/// Rows per multi-row INSERT (21 columns × 500 < 32,766 parameters).
const BATCH: usize = 500;

/// One public submission waiting for the group commit ([`Db::skm_kirim_batch`]).
#[derive(Debug, Clone)]
pub struct Kiriman {
    /// The validated questionnaire.
    pub v: ResponsValues,
    /// Hash of the single-use token, if one was given.
    pub token_hash: Option<String>,
    /// Answers to the unit's local questions.
    pub lokal: Vec<JawabanLokal>,
}

/// Key of a definition: `*` (province default), `u<unit>` or `u<unit>/<layanan>`.
pub fn kunci(unit_id: Option<i64>, layanan: Option<&str>) -> String {
    match (unit_id, layanan.filter(|l| !l.is_empty())) {
        (None, _) => "*".to_string(),
        (Some(u), None) => format!("u{u}"),
        (Some(u), Some(l)) => format!("u{u}/{l}"),
    }
}

/// Where a resolved definition came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asal {
    /// The unit's own definition for this service type.
    UnitLayanan,
    /// The unit's definition.
    Unit,
    /// The province default.
    Provinsi,
    /// Nothing stored: the standard questionnaire.
    Bawaan,
}

/// A local question's answers over a scope and period (never part of the index).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct LokalRingkas {
    /// Question code.
    pub kode: String,
    /// The question as asked.
    pub pertanyaan: String,
    /// Responses that answered it.
    pub dijawab: i64,
    /// Sum of the scale answers (0 for text questions).
    pub jumlah_skala: i64,
    /// Scale answers given.
    pub terisi_skala: i64,
}

/// One cell of the respondent-profile summary: counts per value of a profile field.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ProfilBaris {
    /// L/P.
    pub jenis_kelamin: Option<String>,
    /// Age.
    pub umur: Option<i64>,
    /// Education.
    pub pendidikan: Option<String>,
    /// Occupation.
    pub pekerjaan: Option<String>,
    /// Responses with these values.
    pub jumlah: i64,
}

fn parse_definisi(isi: &str) -> Result<Definisi> {
    serde_json::from_str(isi).map_err(|e| {
        DbError::Invalid(ValidationErrors::single(
            "definisi",
            format!("definisi survei tersimpan rusak: {e}"),
        ))
    })
}

impl Db {
    /// The definition in force for a unit (and service type): unit + service, else unit, else
    /// the province default, else the standard questionnaire.
    pub async fn skm_definisi(
        &self,
        unit_id: Option<i64>,
        layanan: Option<&str>,
    ) -> Result<(Definisi, Asal)> {
        let keys = [
            (kunci(unit_id, layanan), Asal::UnitLayanan),
            (kunci(unit_id, None), Asal::Unit),
            (kunci(None, None), Asal::Provinsi),
        ];
        let rows: Vec<(String, String)> = on!(self, p => sqlx::query_as(
            "SELECT kunci, isi FROM skm_definisi WHERE kunci IN ($1, $2, $3)")
            .bind(&keys[0].0).bind(&keys[1].0).bind(&keys[2].0).fetch_all(p).await?);
        for (k, asal) in keys {
            if let Some((_, isi)) = rows.iter().find(|(rk, _)| *rk == k) {
                return Ok((parse_definisi(isi)?, asal));
            }
        }
        Ok((Definisi::default(), Asal::Bawaan))
    }

    /// Stores the definition of exactly this key (replacing it), audited with before and after.
    pub async fn skm_definisi_set(
        &self,
        actor: &Actor,
        unit_id: Option<i64>,
        layanan: Option<&str>,
        d: &Definisi,
    ) -> Result<()> {
        let k = kunci(unit_id, layanan);
        let isi = serde_json::to_string(d).map_err(|e| DbError::Conflict(e.to_string()))?;
        let layanan = layanan.filter(|l| !l.is_empty());
        on!(self, p => {
            let mut tx = p.begin_write().await?;
            let before: Option<(String,)> = sqlx::query_as("SELECT isi FROM skm_definisi WHERE kunci = $1")
                .bind(&k).fetch_optional(&mut *tx).await?;
            sqlx::query("DELETE FROM skm_definisi WHERE kunci = $1").bind(&k).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO skm_definisi (kunci, unit_id, layanan, isi, diubah) VALUES ($1, $2, $3, $4, $5)")
                .bind(&k).bind(unit_id).bind(layanan).bind(&isi).bind(crate::now())
                .execute(&mut *tx).await?;
            let aksi = if before.is_some() { "ubah" } else { "tambah" };
            crate::audit_record!(&mut *tx, actor, aksi, "skm_definisi", k.as_str(), before.map(|b| b.0), Some(isi.clone()));
            tx.commit().await?;
        });
        Ok(())
    }

    /// Removes the definition of exactly this key (the next level applies again), audited.
    pub async fn skm_definisi_hapus(
        &self,
        actor: &Actor,
        unit_id: Option<i64>,
        layanan: Option<&str>,
    ) -> Result<()> {
        let k = kunci(unit_id, layanan);
        on!(self, p => {
            let mut tx = p.begin_write().await?;
            let before: Option<(String,)> = sqlx::query_as("SELECT isi FROM skm_definisi WHERE kunci = $1")
                .bind(&k).fetch_optional(&mut *tx).await?;
            let Some(before) = before else { return Err(DbError::NotFound) };
            sqlx::query("DELETE FROM skm_definisi WHERE kunci = $1").bind(&k).execute(&mut *tx).await?;
            crate::audit_record!(&mut *tx, actor, "hapus", "skm_definisi", k.as_str(), Some(before.0), None);
            tx.commit().await?;
        });
        Ok(())
    }

    /// Records an issued token (its hash only) for a unit, optionally a service type and the
    /// service transaction's ticket; valid until `kedaluwarsa`.
    pub async fn skm_token_terbit(
        &self,
        token_hash: &str,
        unit_id: i64,
        layanan: Option<&str>,
        tiket: Option<&str>,
        kedaluwarsa: time::OffsetDateTime,
    ) -> Result<()> {
        on!(self, p => {
            sqlx::query("INSERT INTO skm_token (token_hash, unit_id, layanan, tiket, dibuat, kedaluwarsa) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(token_hash).bind(unit_id).bind(layanan).bind(tiket).bind(crate::now()).bind(kedaluwarsa)
                .execute(p).await?;
        });
        Ok(())
    }

    /// Stores one questionnaire (`sumber` `web`) with its local answers, consuming the token when
    /// one is given, all in one transaction; returns the response id, or why the token was
    /// refused (nothing is stored then). A token's service type fills an empty `layanan`.
    pub async fn skm_kirim(
        &self,
        v: &ResponsValues,
        token_hash: Option<&str>,
        lokal: &[JawabanLokal],
    ) -> Result<std::result::Result<i64, TokenDitolak>> {
        let k = Kiriman {
            v: v.clone(),
            token_hash: token_hash.map(str::to_string),
            lokal: lokal.to_vec(),
        };
        let mut out = self.skm_kirim_batch(std::slice::from_ref(&k)).await?;
        out.pop()
            .ok_or_else(|| DbError::Conflict("kiriman tidak tersimpan".into()))
    }

    /// Stores several submissions in ONE write transaction (group commit: one durable commit,
    /// one fsync, for the whole batch). Each item is handled as [`Db::skm_kirim`] would: a
    /// refused token refuses only its own item (nothing of it is written; the token is claimed
    /// before the insert, so two items with the same token give one response). Results are in
    /// input order. A storage error fails the whole batch (nothing is committed); the caller may
    /// retry the items one by one.
    pub async fn skm_kirim_batch(
        &self,
        items: &[Kiriman],
    ) -> Result<Vec<std::result::Result<i64, TokenDitolak>>> {
        let now = crate::now();
        let mut out: Vec<Option<std::result::Result<i64, TokenDitolak>>> = vec![None; items.len()];
        // The IKM aggregates move in the same transaction (migration 0013).
        let mut deltas = Deltas::default();
        // Items without a token need no per-item check: they are stored with ids reserved up
        // front, in one multi-row INSERT per chunk (one statement instead of one per item).
        let plain: Vec<usize> = (0..items.len())
            .filter(|i| items[*i].token_hash.is_none())
            .collect();
        on!(self, p => {
            let mut tx = p.begin_write().await?;
            for (idx, item) in items.iter().enumerate() {
                let Some(h) = &item.token_hash else { continue };
                let mut v = item.v.clone();
                let t: Option<(i64, Option<String>, time::OffsetDateTime, Option<time::OffsetDateTime>)> = sqlx::query_as(
                    "SELECT unit_id, layanan, kedaluwarsa, dipakai FROM skm_token WHERE token_hash = $1")
                    .bind(h).fetch_optional(&mut *tx).await?;
                let refused = match &t {
                    None => Some(TokenDitolak::TidakDikenal),
                    Some((_, _, _, Some(_))) => Some(TokenDitolak::SudahDipakai),
                    Some((u, _, _, _)) if *u != v.unit_id => Some(TokenDitolak::UnitLain),
                    Some((_, _, exp, _)) if *exp <= now => Some(TokenDitolak::Kedaluwarsa),
                    Some(_) => None,
                };
                if let Some(r) = refused {
                    out[idx] = Some(Err(r));
                    continue;
                }
                // Claim the token first: exactly one transaction gets through.
                let r = sqlx::query("UPDATE skm_token SET dipakai = $1 WHERE token_hash = $2 AND dipakai IS NULL")
                    .bind(now).bind(h).execute(&mut *tx).await?;
                if r.rows_affected() != 1 {
                    out[idx] = Some(Err(TokenDitolak::SudahDipakai));
                    continue;
                }
                if v.k.layanan.is_none() {
                    v.k.layanan = t.and_then(|t| t.1);
                }
                let q = insert_sql(std::slice::from_ref(&v), "web", now);
                let text = format!("{} RETURNING respons_id", q.text_for(self));
                let (id,): (i64,) = crate::bind_args!(sqlx::query_as(&text), &q.args).fetch_one(&mut *tx).await?;
                sqlx::query("UPDATE skm_token SET respons_id = $1 WHERE token_hash = $2")
                    .bind(id).bind(h).execute(&mut *tx).await?;
                deltas.add(v.unit_id, v.k.layanan.as_deref(), v.k.tanggal, &jawaban_i64(&v.k), 1);
                out[idx] = Some(Ok(id));
            }
            if !plain.is_empty() {
                let n = i64::try_from(plain.len()).map_err(|e| DbError::Conflict(e.to_string()))?;
                // SQLite: the write lock is held (BEGIN IMMEDIATE), so max + 1 … max + n are free,
                // the same ids SQLite would assign. PostgreSQL: n values of the id sequence.
                let ids: Vec<i64> = if self.backend() == "sqlite" {
                    let (m,): (i64,) = sqlx::query_as("SELECT CAST(COALESCE(MAX(respons_id), 0) AS BIGINT) FROM skm_respons")
                        .fetch_one(&mut *tx).await?;
                    (1..=n).map(|k| m + k).collect()
                } else {
                    let rows: Vec<(i64,)> = sqlx::query_as(
                        "SELECT nextval(pg_get_serial_sequence('skm_respons', 'respons_id')) FROM generate_series(1, $1)")
                        .bind(n).fetch_all(&mut *tx).await?;
                    rows.into_iter().map(|r| r.0).collect()
                };
                for (chunk, chunk_ids) in plain.chunks(BATCH).zip(ids.chunks(BATCH)) {
                    let q = insert_rows(chunk.iter().map(|i| &items[*i].v), Some(chunk_ids), "web", now);
                    let text = q.text_for(self);
                    crate::bind_args!(sqlx::query(&text), &q.args).execute(&mut *tx).await?;
                }
                for (i, id) in plain.iter().zip(&ids) {
                    let v = &items[*i].v;
                    deltas.add(v.unit_id, v.k.layanan.as_deref(), v.k.tanggal, &jawaban_i64(&v.k), 1);
                    out[*i] = Some(Ok(*id));
                }
            }
            for (item, r) in items.iter().zip(&out) {
                let Some(Ok(id)) = r else { continue };
                for l in &item.lokal {
                    sqlx::query("INSERT INTO skm_jawaban_lokal (respons_id, kode, pertanyaan, skala, teks) VALUES ($1, $2, $3, $4, $5)")
                        .bind(id).bind(&l.kode).bind(&l.pertanyaan).bind(l.skala.map(i64::from)).bind(l.teks.as_deref())
                        .execute(&mut *tx).await?;
                }
            }
            agregat_apply!(self.backend() == "sqlite", tx, &deltas);
            tx.commit().await?;
        });
        Ok(out
            .into_iter()
            .map(|r| r.unwrap_or(Err(TokenDitolak::TidakDikenal)))
            .collect())
    }

    /// The local questions' answers over units (None = all) and a period, counted responses only.
    pub async fn skm_lokal_ringkas(
        &self,
        units: Option<&[i64]>,
        from: time::Date,
        to: time::Date,
    ) -> Result<Vec<LokalRingkas>> {
        let mut sql = String::from(
            "SELECT l.kode, l.pertanyaan, COUNT(*) AS dijawab, CAST(COALESCE(SUM(l.skala), 0) AS BIGINT) AS jumlah_skala, \
             COUNT(l.skala) AS terisi_skala FROM skm_jawaban_lokal l JOIN skm_respons r ON r.respons_id = l.respons_id \
             WHERE r.tanggal >= $1 AND r.tanggal <= $2 AND r.dikecualikan = $3",
        );
        if let Some(ids) = units {
            sql.push_str(&format!(" AND r.unit_id IN {}", Sql::id_list(ids)));
        }
        sql.push_str(" GROUP BY l.kode, l.pertanyaan ORDER BY l.kode, l.pertanyaan");
        Ok(on!(self, p => sqlx::query_as(&sql).bind(from).bind(to).bind(false).fetch_all(p).await?))
    }

    /// The text answers to local questions (newest first, at most `limit`).
    pub async fn skm_lokal_teks(
        &self,
        units: Option<&[i64]>,
        from: time::Date,
        to: time::Date,
        limit: i64,
    ) -> Result<Vec<(String, String)>> {
        let mut sql = String::from(
            "SELECT l.pertanyaan, l.teks FROM skm_jawaban_lokal l JOIN skm_respons r ON r.respons_id = l.respons_id \
             WHERE r.tanggal >= $1 AND r.tanggal <= $2 AND r.dikecualikan = $3 AND l.teks IS NOT NULL",
        );
        if let Some(ids) = units {
            sql.push_str(&format!(" AND r.unit_id IN {}", Sql::id_list(ids)));
        }
        sql.push_str(&format!(
            " ORDER BY l.respons_id DESC LIMIT {}",
            limit.max(0)
        ));
        Ok(on!(self, p => sqlx::query_as(&sql).bind(from).bind(to).bind(false).fetch_all(p).await?))
    }

    /// Counted responses grouped by the profile fields: the respondent-profile summary.
    pub async fn skm_profil(
        &self,
        units: Option<&[i64]>,
        from: time::Date,
        to: time::Date,
    ) -> Result<Vec<ProfilBaris>> {
        let mut sql = String::from(
            "SELECT jenis_kelamin, umur, pendidikan, pekerjaan, COUNT(*) AS jumlah FROM skm_respons \
             WHERE tanggal >= $1 AND tanggal <= $2 AND dikecualikan = $3",
        );
        if let Some(ids) = units {
            sql.push_str(&format!(" AND unit_id IN {}", Sql::id_list(ids)));
        }
        sql.push_str(" GROUP BY jenis_kelamin, umur, pendidikan, pekerjaan");
        Ok(on!(self, p => sqlx::query_as(&sql).bind(from).bind(to).bind(false).fetch_all(p).await?))
    }
}
