//! The register of issued single-use survey tokens (issue 3 §2): who may see which tokens, their
//! state, and revoking one that was printed by mistake or lost. Only hashes are stored, so the
//! register never shows a usable code; the hash is the token's handle.
//!
//! Revoking ends the token's validity at once (`kedaluwarsa` = now) instead of deleting it: a
//! revoked token is refused like an expired one, and the audit log keeps who revoked it and why.

use crate::Arg;
use crate::audit::Actor;
use crate::query::Sql;
use crate::{BeginWrite, Db, DbError, Result, on};

/// One issued token as listed.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TokenRow {
    /// SHA-256 of the printed code (hex): the handle.
    pub token_hash: String,
    /// The service unit it was issued for.
    pub unit_id: i64,
    /// Service type, when given at issue.
    pub layanan: Option<String>,
    /// The service transaction's ticket, when given.
    pub tiket: Option<String>,
    /// Issued at.
    pub dibuat: time::OffsetDateTime,
    /// Valid until.
    pub kedaluwarsa: time::OffsetDateTime,
    /// When it gave its response (None: not used).
    pub dipakai: Option<time::OffsetDateTime>,
}

/// A token's state at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenStatus {
    /// Can still give a response.
    Aktif,
    /// Gave its response.
    Dipakai,
    /// Past its validity (or revoked).
    Kedaluwarsa,
}

impl TokenRow {
    /// The state at `now`.
    pub fn status(&self, now: time::OffsetDateTime) -> TokenStatus {
        if self.dipakai.is_some() {
            TokenStatus::Dipakai
        } else if self.kedaluwarsa <= now {
            TokenStatus::Kedaluwarsa
        } else {
            TokenStatus::Aktif
        }
    }
}

/// Which tokens to list.
#[derive(Debug, Clone, Default)]
pub struct TokenFilter {
    /// Units the caller may see (None: all).
    pub units: Option<Vec<i64>>,
    /// One unit only.
    pub unit_id: Option<i64>,
    /// `aktif`, `dipakai` or `kedaluwarsa`; anything else lists all.
    pub status: String,
    /// A ticket number (exact).
    pub tiket: String,
}

const COLS: &str = "token_hash, unit_id, layanan, tiket, dibuat, kedaluwarsa, dipakai";

impl Db {
    /// One page of issued tokens, newest first, and how many match in all.
    pub async fn skm_token_list(
        &self,
        f: &TokenFilter,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<TokenRow>, i64)> {
        let now = crate::now();
        let mut q = Sql::new(" WHERE 1 = 1");
        if let Some(ids) = &f.units {
            q.push(&format!(" AND unit_id IN {}", Sql::id_list(ids)));
        }
        if let Some(u) = f.unit_id {
            let a = q.arg(Arg::I(u));
            q.push(&format!(" AND unit_id = {a}"));
        }
        let cond = match f.status.as_str() {
            "aktif" => Some(" AND dipakai IS NULL AND kedaluwarsa > "),
            "kedaluwarsa" => Some(" AND dipakai IS NULL AND kedaluwarsa <= "),
            "dipakai" => {
                q.push(" AND dipakai IS NOT NULL");
                None
            }
            _ => None,
        };
        if let Some(c) = cond {
            let a = q.arg(Arg::Ts(now));
            q.push(&format!("{c}{a}"));
        }
        if !f.tiket.trim().is_empty() {
            let a = q.arg(Arg::T(f.tiket.trim().to_string()));
            q.push(&format!(" AND tiket = {a}"));
        }
        let w = q.text_for(self);
        let list = format!(
            "SELECT {COLS} FROM skm_token{w} ORDER BY dibuat DESC, token_hash LIMIT {} OFFSET {}",
            limit.clamp(1, 1000),
            offset.max(0)
        );
        let count = format!("SELECT COUNT(*) FROM skm_token{w}");
        on!(self, p => {
            let rows = crate::bind_args!(sqlx::query_as(&list), &q.args).fetch_all(p).await?;
            let (n,): (i64,) = crate::bind_args!(sqlx::query_as(&count), &q.args).fetch_one(p).await?;
            Ok((rows, n))
        })
    }

    /// One token by its hash.
    pub async fn skm_token_get(&self, token_hash: &str) -> Result<TokenRow> {
        let sql = format!("SELECT {COLS} FROM skm_token WHERE token_hash = $1");
        on!(self, p => sqlx::query_as(&sql).bind(token_hash).fetch_optional(p).await?)
            .ok_or(DbError::NotFound)
    }

    /// Revokes an unused, still valid token (its validity ends now), audited with `alasan`.
    /// A used or expired token cannot be revoked: `Conflict` with the reason.
    pub async fn skm_token_cabut(
        &self,
        actor: &Actor,
        token_hash: &str,
        alasan: &str,
    ) -> Result<()> {
        let now = crate::now();
        on!(self, p => {
            let mut tx = p.begin_write().await?;
            let r = sqlx::query(
                "UPDATE skm_token SET kedaluwarsa = $1 WHERE token_hash = $2 AND dipakai IS NULL AND kedaluwarsa > $1",
            )
            .bind(now).bind(token_hash).execute(&mut *tx).await?;
            if r.rows_affected() != 1 {
                let t: Option<(Option<time::OffsetDateTime>,)> =
                    sqlx::query_as("SELECT dipakai FROM skm_token WHERE token_hash = $1")
                        .bind(token_hash).fetch_optional(&mut *tx).await?;
                return Err(match t {
                    None => DbError::NotFound,
                    Some((Some(_),)) => DbError::Conflict("token sudah dipakai untuk satu jawaban; tidak dapat dicabut".into()),
                    Some((None,)) => DbError::Conflict("token sudah kedaluwarsa atau dicabut".into()),
                });
            }
            let sesudah = serde_json::json!({ "dicabut": now.to_string(), "alasan": alasan }).to_string();
            crate::audit_record!(&mut *tx, actor, "cabut", "skm_token", token_hash, None, Some(sesudah));
            tx.commit().await?;
        });
        Ok(())
    }
}
