//! Accounts (*akun*), their OPD assignments, browser sessions, API tokens and the record of failed
//! logins used for throttling. Secrets are never stored: sessions and tokens by SHA-256, passwords
//! by argon2 (hashed in the web crate).

use serde::Serialize;

use crate::audit::Actor;
use crate::{BeginWrite, Db, DbError, Result, on};

/// One account.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct AkunRow {
    /// Key.
    pub akun_id: i64,
    /// Login name.
    pub username: String,
    /// Display name.
    pub nama: String,
    /// argon2 PHC string.
    #[serde(skip)]
    pub password_hash: String,
    /// `admin`, `operator`, `pegawai`, `pimpinan`.
    pub role: String,
    /// For role `pegawai`: the employee it belongs to.
    pub pegawai_id: Option<i64>,
    /// Disabled accounts cannot log in.
    pub aktif: bool,
}

#[derive(sqlx::FromRow)]
struct SesiRow {
    #[sqlx(flatten)]
    akun: AkunRow,
    csrf: String,
}

const COLS: &str = "akun_id, username, nama, password_hash, role, pegawai_id, aktif";

/// A new account.
#[derive(Debug, Clone)]
pub struct NewAkun<'a> {
    /// Login name.
    pub username: &'a str,
    /// Display name.
    pub nama: &'a str,
    /// argon2 hash.
    pub password_hash: &'a str,
    /// Role code.
    pub role: &'a str,
    /// Employee (role pegawai).
    pub pegawai_id: Option<i64>,
    /// OPDs (role operator).
    pub opd_ids: &'a [i64],
}

impl Db {
    /// Creates an account with its OPDs; a taken username is a conflict.
    pub async fn akun_create(&self, actor: &Actor, a: &NewAkun<'_>) -> Result<i64> {
        let now = crate::now();
        let id = on!(self, p => {
            let mut tx = p.begin_write().await?;
            let taken: Option<(i64,)> = sqlx::query_as("SELECT akun_id FROM akun WHERE username = $1")
                .bind(a.username)
                .fetch_optional(&mut *tx)
                .await?;
            if taken.is_some() {
                return Err(DbError::Conflict(format!("username {} sudah dipakai", a.username)));
            }
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO akun (username, nama, password_hash, role, pegawai_id, aktif, dibuat) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING akun_id",
            )
            .bind(a.username)
            .bind(a.nama)
            .bind(a.password_hash)
            .bind(a.role)
            .bind(a.pegawai_id)
            .bind(true)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            for o in a.opd_ids {
                sqlx::query("INSERT INTO akun_opd (akun_id, org_id) VALUES ($1, $2)")
                    .bind(id)
                    .bind(*o)
                    .execute(&mut *tx)
                    .await?;
            }
            let after = serde_json::json!({"username": a.username, "role": a.role, "opd": a.opd_ids, "pegawai_id": a.pegawai_id}).to_string();
            crate::audit_record!(&mut *tx, actor, "tambah", "akun", a.username, None, Some(after));
            tx.commit().await?;
            id
        });
        Ok(id)
    }

    /// Replaces an account's password hash.
    pub async fn akun_set_password(&self, actor: &Actor, akun_id: i64, hash: &str) -> Result<()> {
        on!(self, p => {
            let mut tx = p.begin_write().await?;
            let r = sqlx::query("UPDATE akun SET password_hash = $1 WHERE akun_id = $2")
                .bind(hash)
                .bind(akun_id)
                .execute(&mut *tx)
                .await?;
            if r.rows_affected() == 0 {
                return Err(DbError::NotFound);
            }
            sqlx::query("DELETE FROM sesi WHERE akun_id = $1").bind(akun_id).execute(&mut *tx).await?;
            crate::audit_record!(&mut *tx, actor, "ganti_sandi", "akun", akun_id.to_string(), None, None);
            tx.commit().await?;
        });
        Ok(())
    }

    /// Account by login name.
    pub async fn akun_by_username(&self, username: &str) -> Result<Option<AkunRow>> {
        let sql = format!("SELECT {COLS} FROM akun WHERE username = $1");
        Ok(on!(self, p => sqlx::query_as(&sql).bind(username).fetch_optional(p).await?))
    }

    /// All accounts, by username.
    pub async fn akun_list(&self) -> Result<Vec<AkunRow>> {
        let sql = format!("SELECT {COLS} FROM akun ORDER BY username");
        Ok(on!(self, p => sqlx::query_as(&sql).fetch_all(p).await?))
    }

    /// Number of accounts.
    pub async fn akun_count(&self) -> Result<i64> {
        let (n,): (i64,) =
            on!(self, p => sqlx::query_as("SELECT COUNT(*) FROM akun").fetch_one(p).await?);
        Ok(n)
    }

    /// The OPDs of an operator account.
    pub async fn akun_opd(&self, akun_id: i64) -> Result<Vec<i64>> {
        let rows: Vec<(i64,)> = on!(self, p => sqlx::query_as("SELECT org_id FROM akun_opd WHERE akun_id = $1 ORDER BY org_id")
            .bind(akun_id).fetch_all(p).await?);
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// Stores a new session.
    pub async fn sesi_create(
        &self,
        token_hash: &str,
        akun_id: i64,
        csrf: &str,
        until: time::OffsetDateTime,
    ) -> Result<()> {
        on!(self, p => {
            sqlx::query("INSERT INTO sesi (token_hash, akun_id, csrf, kedaluwarsa) VALUES ($1, $2, $3, $4)")
                .bind(token_hash)
                .bind(akun_id)
                .bind(csrf)
                .bind(until)
                .execute(p)
                .await?;
        });
        Ok(())
    }

    /// The live session's account and CSRF token.
    pub async fn sesi_get(&self, token_hash: &str) -> Result<Option<(AkunRow, String)>> {
        let sql = format!(
            "SELECT {}, s.csrf FROM sesi s JOIN akun a ON a.akun_id = s.akun_id \
             WHERE s.token_hash = $1 AND s.kedaluwarsa > $2 AND a.aktif = $3",
            COLS.split(", ")
                .map(|c| format!("a.{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let row: Option<SesiRow> = on!(self, p =>
            sqlx::query_as(&sql).bind(token_hash).bind(crate::now()).bind(true).fetch_optional(p).await?);
        Ok(row.map(|r| (r.akun, r.csrf)))
    }

    /// Ends a session.
    pub async fn sesi_delete(&self, token_hash: &str) -> Result<()> {
        on!(self, p => {
            sqlx::query("DELETE FROM sesi WHERE token_hash = $1").bind(token_hash).execute(p).await?;
        });
        Ok(())
    }

    /// Stores an API token for an account.
    pub async fn token_create(
        &self,
        actor: &Actor,
        token_hash: &str,
        akun_id: i64,
        nama: &str,
    ) -> Result<()> {
        on!(self, p => {
            let mut tx = p.begin_write().await?;
            sqlx::query("INSERT INTO api_token (token_hash, akun_id, nama, dibuat) VALUES ($1, $2, $3, $4)")
                .bind(token_hash)
                .bind(akun_id)
                .bind(nama)
                .bind(crate::now())
                .execute(&mut *tx)
                .await?;
            crate::audit_record!(&mut *tx, actor, "tambah", "api_token", nama, None, None);
            tx.commit().await?;
        });
        Ok(())
    }

    /// The account behind an API token.
    pub async fn token_get(&self, token_hash: &str) -> Result<Option<AkunRow>> {
        let sql = format!(
            "SELECT {} FROM api_token t JOIN akun a ON a.akun_id = t.akun_id WHERE t.token_hash = $1 AND a.aktif = $2",
            COLS.split(", ")
                .map(|c| format!("a.{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        Ok(
            on!(self, p => sqlx::query_as(&sql).bind(token_hash).bind(true).fetch_optional(p).await?),
        )
    }

    /// Failed logins for a key (username or client address) since a time.
    pub async fn login_failures(&self, kunci: &str, since: time::OffsetDateTime) -> Result<i64> {
        let (n,): (i64,) = on!(self, p => sqlx::query_as("SELECT COUNT(*) FROM login_gagal WHERE kunci = $1 AND waktu > $2")
            .bind(kunci).bind(since).fetch_one(p).await?);
        Ok(n)
    }

    /// Records a failed login for each key.
    pub async fn login_failed(&self, keys: &[&str]) -> Result<()> {
        for k in keys {
            on!(self, p => {
                sqlx::query("INSERT INTO login_gagal (kunci, waktu) VALUES ($1, $2)")
                    .bind(*k).bind(crate::now()).execute(p).await?;
            });
        }
        Ok(())
    }

    /// Forgets failures of a key after a successful login.
    pub async fn login_clear(&self, kunci: &str) -> Result<()> {
        on!(self, p => {
            sqlx::query("DELETE FROM login_gagal WHERE kunci = $1").bind(kunci).execute(p).await?;
        });
        Ok(())
    }
}
