//! Audited JP corrections (issue 4 "Bad input": "JP changes after completion need an audited
//! correction"): the JP of one credited entry — a completed participation, an assessed activity or
//! a verified claim — is set to a new value with a reason; 0 revokes the credit while keeping the
//! entry. The yearly total moves by the difference in the same transaction.

use bangkom_core::error::ValidationErrors;
use serde::Serialize;

use crate::audit::Actor;
use crate::{BeginWrite, Db, DbError, Result, on};

/// Where a credited entry is recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SumberJp {
    /// A completed program participation (`peserta_id`).
    Peserta,
    /// An assessed experiential activity (`pengalaman_id`).
    Pengalaman,
    /// A verified claim (`klaim_id`).
    Klaim,
}

impl SumberJp {
    /// Stable code (`peserta`, `pengalaman`, `klaim`).
    pub fn code(self) -> &'static str {
        match self {
            SumberJp::Peserta => "peserta",
            SumberJp::Pengalaman => "pengalaman",
            SumberJp::Klaim => "klaim",
        }
    }
}

/// A correction as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KoreksiJp {
    /// Which record.
    pub sumber: SumberJp,
    /// Its id.
    pub id: i64,
    /// The JP it should credit (0 revokes the credit).
    pub jp: u32,
    /// Why (required, kept in the audit log).
    pub alasan: String,
}

fn invalid(field: &str, msg: impl Into<String>) -> DbError {
    DbError::Invalid(ValidationErrors::single(field, msg.into()))
}

impl Db {
    /// Corrects the JP of one credited entry, audited with the reason; returns the JP it had.
    ///
    /// # Errors
    /// `Invalid` (field `alasan` or `jp`) for a missing reason, JP outside 0–1000 (or above the JP
    /// claimed, for a claim), an unchanged value, or an entry that credits nothing (not completed,
    /// not met, not verified); `NotFound` for an unknown record.
    pub async fn jp_koreksi(&self, actor: &Actor, k: &KoreksiJp) -> Result<i64> {
        let alasan = k.alasan.trim();
        if alasan.is_empty() {
            return Err(invalid("alasan", "alasan koreksi wajib diisi"));
        }
        if k.jp > bangkom_core::pengalaman::JP_MAKS_PER_KEGIATAN {
            return Err(invalid(
                "jp",
                format!("JP harus 0–1000, ditemukan {}", k.jp),
            ));
        }
        let baru = i64::from(k.jp);
        let lama = on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            // The no-op UPDATE locks the record first (PostgreSQL), so the JP read below is the one
            // the difference is taken from even when two corrections race.
            let (pegawai_id, jalur, tanggal, lama): (i64, i64, Option<time::Date>, i64) = match k.sumber {
                SumberJp::Peserta => {
                    sqlx::query("UPDATE peserta SET jp_diakui = jp_diakui WHERE peserta_id = $1")
                        .bind(k.id)
                        .execute(&mut *tx)
                        .await?;
                    let row: Option<(i64, String, i64, Option<time::Date>, i64)> = sqlx::query_as(
                        "SELECT s.pegawai_id, s.status, s.jp_diakui, s.tanggal_selesai, g.jalur FROM peserta s \
                         JOIN program g ON g.program_id = s.program_id WHERE s.peserta_id = $1",
                    )
                    .bind(k.id)
                    .fetch_optional(&mut *tx)
                    .await?;
                    let (pegawai_id, status, jp, tanggal, jalur) = row.ok_or(DbError::NotFound)?;
                    if status != "selesai" {
                        return Err(invalid("jp", "hanya keikutsertaan yang selesai yang mengkreditkan JP"));
                    }
                    sqlx::query("UPDATE peserta SET jp_diakui = $1 WHERE peserta_id = $2")
                        .bind(baru)
                        .bind(k.id)
                        .execute(&mut *tx)
                        .await?;
                    (pegawai_id, jalur, tanggal, jp)
                }
                SumberJp::Pengalaman | SumberJp::Klaim => {
                    let sumber = k.sumber.code();
                    sqlx::query("UPDATE jp_kredit SET jp = jp WHERE sumber = $1 AND sumber_id = $2")
                        .bind(sumber)
                        .bind(k.id)
                        .execute(&mut *tx)
                        .await?;
                    let row: Option<(i64, i64, time::Date, i64)> = sqlx::query_as(
                        "SELECT pegawai_id, jalur, tanggal, jp FROM jp_kredit WHERE sumber = $1 AND sumber_id = $2",
                    )
                    .bind(sumber)
                    .bind(k.id)
                    .fetch_optional(&mut *tx)
                    .await?;
                    let Some((pegawai_id, jalur, tanggal, jp)) = row else {
                        let sql = if k.sumber == SumberJp::Klaim {
                            "SELECT COUNT(*) FROM klaim_belajar WHERE klaim_id = $1"
                        } else {
                            "SELECT COUNT(*) FROM pengalaman WHERE pengalaman_id = $1"
                        };
                        let (ada,): (i64,) = sqlx::query_as(sql).bind(k.id).fetch_one(&mut *tx).await?;
                        return Err(if ada == 0 {
                            DbError::NotFound
                        } else if k.sumber == SumberJp::Klaim {
                            invalid("jp", "klaim ini belum diverifikasi, jadi belum mengkreditkan JP")
                        } else {
                            invalid("jp", "kegiatan ini belum dinilai tercapai, jadi belum mengkreditkan JP")
                        });
                    };
                    if k.sumber == SumberJp::Klaim {
                        let (klaim,): (i64,) = sqlx::query_as("SELECT jp_klaim FROM klaim_belajar WHERE klaim_id = $1")
                            .bind(k.id)
                            .fetch_one(&mut *tx)
                            .await?;
                        if baru > klaim {
                            return Err(invalid("jp", format!("JP diakui paling banyak {klaim} (JP yang diklaim)")));
                        }
                    } else {
                        sqlx::query("UPDATE pengalaman SET jp_diakui = $1 WHERE pengalaman_id = $2")
                            .bind(baru)
                            .bind(k.id)
                            .execute(&mut *tx)
                            .await?;
                    }
                    sqlx::query("UPDATE jp_kredit SET jp = $1 WHERE sumber = $2 AND sumber_id = $3")
                        .bind(baru)
                        .bind(sumber)
                        .bind(k.id)
                        .execute(&mut *tx)
                        .await?;
                    (pegawai_id, jalur, Some(tanggal), jp)
                }
            };
            if lama == baru {
                return Err(invalid("jp", format!("JP sudah {lama}; tidak ada yang dikoreksi")));
            }
            crate::rekap_tambah!(&mut *tx, pegawai_id, tanggal, jalur, baru - lama);
            let kunci = k.id.to_string();
            crate::audit_record!(&mut *tx, actor, "koreksi_jp", k.sumber.code(), kunci.as_str(),
                Some(serde_json::json!({"jp": lama}).to_string()),
                Some(serde_json::json!({"jp": baru, "alasan": alasan}).to_string()));
            tx.commit().await?;
            lama
        });
        Ok(lama)
    }
}
