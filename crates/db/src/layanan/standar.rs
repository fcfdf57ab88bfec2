//! Service standards (*standar pelayanan*, REFERENCE §6): the completion time a unit, an OPD or a
//! pemda sets for a service type. The nearest node on the path from a transaction's unit up to the
//! root wins; without one the service type's own standard applies (60 minutes for the Dukcapil
//! documents at the Dinas, Permendagri 19/2018).

use std::collections::HashMap;

use bangkom_core::error::FieldError;

use crate::audit::Actor;
use crate::org::OrgIndex;
use crate::{BeginWrite, Db, DbError, Result, on};

/// Longest standard accepted: one year, in minutes (a typo guard, not a rule).
pub const MAKS_MENIT: i64 = 525_600;

/// One stored standard.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StandarRow {
    /// Unit, OPD or pemda.
    pub org_id: i64,
    /// Service type code.
    pub layanan: String,
    /// Standard completion time, minutes.
    pub standar_menit: i64,
}

/// The standards in force: the service types' defaults and the stored per-org overrides.
#[derive(Debug, Clone, Default)]
pub struct StandarTable {
    default: HashMap<String, i64>,
    own: HashMap<(i64, String), i64>,
}

impl StandarTable {
    /// Builds the table from the service types' defaults and the stored rows.
    pub fn new(default: impl IntoIterator<Item = (String, i64)>, rows: Vec<StandarRow>) -> Self {
        StandarTable {
            default: default.into_iter().collect(),
            own: rows
                .into_iter()
                .map(|r| ((r.org_id, r.layanan), r.standar_menit))
                .collect(),
        }
    }

    /// True when no org sets its own standard.
    pub fn no_overrides(&self) -> bool {
        self.own.is_empty()
    }

    /// The standard for `layanan` at `unit_id`: the nearest own standard on the path up to the
    /// root, else the type's default; None for an unknown type.
    pub fn menit(&self, org: &OrgIndex, unit_id: i64, layanan: &str) -> Option<i64> {
        let mut cur = org.get(unit_id);
        let mut depth = 0;
        while let Some(r) = cur {
            if let Some(m) = self.own.get(&(r.org_id, layanan.to_string())) {
                return Some(*m);
            }
            depth += 1;
            if depth > 16 {
                break;
            }
            cur = r.induk_id.and_then(|p| org.get(p));
        }
        self.default.get(layanan).copied()
    }

    /// The standard set on exactly this org, if any.
    pub fn own(&self, org_id: i64, layanan: &str) -> Option<i64> {
        self.own.get(&(org_id, layanan.to_string())).copied()
    }
}

impl Db {
    /// Every stored per-org standard.
    pub async fn layanan_standar_rows(&self) -> Result<Vec<StandarRow>> {
        const SQL: &str =
            "SELECT org_id, layanan, standar_menit FROM layanan_standar ORDER BY org_id, layanan";
        Ok(on!(self, p => sqlx::query_as(SQL).fetch_all(p).await?))
    }

    /// The standards in force.
    pub async fn layanan_standar(&self) -> Result<StandarTable> {
        let types = self.jenis_layanan().await?;
        let rows = self.layanan_standar_rows().await?;
        Ok(StandarTable::new(
            types.into_iter().map(|j| (j.kode, j.standar_menit)),
            rows,
        ))
    }

    /// Sets (`Some`) or removes (`None`: back to the inherited standard) the standard of an org for
    /// a service type, audited with the value before and after.
    ///
    /// # Errors
    /// `Invalid` for an unknown org, an unknown service type or minutes outside 1..=525,600.
    pub async fn layanan_standar_set(
        &self,
        actor: &Actor,
        org_id: i64,
        layanan: &str,
        menit: Option<i64>,
    ) -> Result<()> {
        let org = self.org_index().await?;
        let node = org.get(org_id).ok_or_else(|| {
            DbError::Invalid(FieldError::new("unit", "unit tidak terdaftar").into())
        })?;
        let layanan = layanan.trim().to_lowercase();
        if !self
            .jenis_layanan()
            .await?
            .iter()
            .any(|j| j.kode == layanan)
        {
            return Err(DbError::Invalid(
                FieldError::new(
                    "layanan",
                    format!("jenis layanan '{layanan}' tidak dikenal"),
                )
                .into(),
            ));
        }
        if let Some(m) = menit
            && !(1..=MAKS_MENIT).contains(&m)
        {
            return Err(DbError::Invalid(
                FieldError::new("menit", "standar waktu harus 1–525.600 menit").into(),
            ));
        }
        let kunci = format!("{}/{layanan}", node.kode);
        on!(self, p => {
            let mut tx = p.begin_write().await?;
            let before: Option<(i64,)> = sqlx::query_as("SELECT standar_menit FROM layanan_standar WHERE org_id = $1 AND layanan = $2")
                .bind(org_id)
                .bind(&layanan)
                .fetch_optional(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM layanan_standar WHERE org_id = $1 AND layanan = $2")
                .bind(org_id)
                .bind(&layanan)
                .execute(&mut *tx)
                .await?;
            if let Some(m) = menit {
                sqlx::query("INSERT INTO layanan_standar (org_id, layanan, standar_menit) VALUES ($1, $2, $3)")
                    .bind(org_id)
                    .bind(&layanan)
                    .bind(m)
                    .execute(&mut *tx)
                    .await?;
            }
            let json = |m: Option<i64>| m.map(|m| serde_json::json!({"standar_menit": m}).to_string());
            let aksi = if menit.is_some() { "ubah" } else { "hapus" };
            crate::audit_record!(&mut *tx, actor, aksi, "layanan_standar", kunci.as_str(), json(before.map(|b| b.0)), json(menit));
            tx.commit().await?;
        });
        Ok(())
    }
}
