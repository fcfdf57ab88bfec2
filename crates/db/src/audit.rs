//! The audit log: who changed which personnel or registry record, when, and the record before and
//! after (as JSON). Entries are only ever added.

use serde::Serialize;

use crate::{Db, Result, on};

/// Who acts: an account, or the system (imports from the CLI, the demo loader).
#[derive(Debug, Clone)]
pub struct Actor {
    /// The account, when a person is logged in.
    pub akun_id: Option<i64>,
    /// Shown in the log: the username or `cli`/`sistem`.
    pub nama: String,
}

impl Actor {
    /// The command line or the system itself.
    pub fn system(nama: &str) -> Actor {
        Actor {
            akun_id: None,
            nama: nama.to_string(),
        }
    }
}

/// One log entry.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct AuditRow {
    /// Key.
    pub audit_id: i64,
    /// When (UTC).
    #[serde(with = "time::serde::rfc3339")]
    pub waktu: time::OffsetDateTime,
    /// Account id, if any.
    pub akun_id: Option<i64>,
    /// Who.
    pub pelaku: String,
    /// `tambah`, `ubah`, `impor`, …
    pub aksi: String,
    /// `pegawai`, `org`, `akun`, …
    pub entitas: String,
    /// The record's natural key (NIP, org code, username).
    pub kunci: String,
    /// JSON before.
    pub sebelum: Option<String>,
    /// JSON after.
    pub sesudah: Option<String>,
}

/// Serializes a record for the log.
pub fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// Writes one entry inside the caller's transaction: `audit_record!(conn, actor, aksi, entitas,
/// kunci, sebelum: Option<String>, sesudah: Option<String>)`. A macro, so that it compiles against
/// whichever backend's connection the surrounding [`on!`](crate::on) body holds.
#[macro_export]
macro_rules! audit_record {
    ($conn:expr, $actor:expr, $aksi:expr, $entitas:expr, $kunci:expr, $sebelum:expr, $sesudah:expr) => {{
        let sebelum: Option<String> = $sebelum;
        let sesudah: Option<String> = $sesudah;
        sqlx::query(
            "INSERT INTO audit (waktu, akun_id, pelaku, aksi, entitas, kunci, sebelum, sesudah) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind($crate::now())
        .bind($actor.akun_id)
        .bind($actor.nama.as_str())
        .bind($aksi)
        .bind($entitas)
        .bind($kunci)
        .bind(sebelum)
        .bind(sesudah)
        .execute($conn)
        .await?;
    }};
}

/// Filter for browsing the log.
#[derive(Debug, Default, Clone)]
pub struct AuditFilter {
    /// Entity kind.
    pub entitas: Option<String>,
    /// Natural key, exact.
    pub kunci: Option<String>,
    /// 1-based page.
    pub page: u32,
    /// Rows per page.
    pub per_page: u32,
}

impl Db {
    /// Newest first.
    pub async fn audit_list(&self, f: &AuditFilter) -> Result<Vec<AuditRow>> {
        let mut q = crate::query::Sql::new(
            "SELECT audit_id, waktu, akun_id, pelaku, aksi, entitas, kunci, sebelum, sesudah FROM audit WHERE 1=1",
        );
        if let Some(e) = &f.entitas {
            let a = q.arg(crate::Arg::T(e.clone()));
            q.push(&format!(" AND entitas = {a}"));
        }
        if let Some(k) = &f.kunci {
            let a = q.arg(crate::Arg::T(k.clone()));
            q.push(&format!(" AND kunci = {a}"));
        }
        let per = i64::from(f.per_page.clamp(1, 500));
        let off = i64::from(f.page.max(1) - 1) * per;
        q.push(&format!(" ORDER BY audit_id DESC LIMIT {per} OFFSET {off}"));
        let rows = on!(self, p => {
            let qa = sqlx::query_as::<_, AuditRow>(&q.text);
            crate::bind_args!(qa, &q.args).fetch_all(p).await?
        });
        Ok(rows)
    }
}
