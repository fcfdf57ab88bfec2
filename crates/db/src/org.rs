//! The organisation tree: pemda (province and kabupaten/kota) → OPD (*organisasi perangkat
//! daerah*, an agency) → unit (unit kerja, or unit layanan such as a Disdukcapil counter).
//!
//! The tree is small (about 1,200 nodes for Jambi) and read on every request, so it is held in an
//! in-memory [`OrgIndex`], loaded once and dropped whenever this process writes to the tree.
//! Another process writing the tree (a second server, the CLI) is seen after a restart or after
//! [`Db::org_invalidate`]; see the README's note on multi-server deployments.

use std::collections::HashMap;
use std::sync::Arc;

use bangkom_core::org::{JenisOrg, OrgKode, OrgNode};
use serde::Serialize;

use crate::audit::{self, Actor};
use crate::{BeginWrite, Db, DbError, Result, on};

/// One node as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct OrgRow {
    /// Key.
    pub org_id: i64,
    /// Stable code, e.g. `15.71.03`.
    pub kode: String,
    /// Name.
    pub nama: String,
    /// `pemda`, `opd` or `unit`.
    pub jenis: String,
    /// Parent node.
    pub induk_id: Option<i64>,
    /// The pemda this node belongs to (itself for a pemda).
    pub pemda_id: Option<i64>,
    /// The OPD this node belongs to (itself for an OPD; none for a pemda).
    pub opd_id: Option<i64>,
    /// A service unit (*unit layanan*), where citizens are served.
    pub layanan: bool,
}

/// The whole tree in memory, with lookups by id and by code.
#[derive(Debug, Default)]
pub struct OrgIndex {
    rows: Vec<OrgRow>,
    by_id: HashMap<i64, usize>,
    by_kode: HashMap<String, usize>,
    children: HashMap<i64, Vec<i64>>,
}

impl OrgIndex {
    /// Builds the index from rows (any order).
    pub fn new(mut rows: Vec<OrgRow>) -> Self {
        rows.sort_by(|a, b| a.kode.cmp(&b.kode));
        let mut idx = OrgIndex::default();
        for (i, r) in rows.iter().enumerate() {
            idx.by_id.insert(r.org_id, i);
            idx.by_kode.insert(r.kode.clone(), i);
            if let Some(p) = r.induk_id {
                idx.children.entry(p).or_default().push(r.org_id);
            }
        }
        idx.rows = rows;
        idx
    }
    /// All nodes, ordered by code.
    pub fn all(&self) -> &[OrgRow] {
        &self.rows
    }
    /// Node by id.
    pub fn get(&self, id: i64) -> Option<&OrgRow> {
        self.by_id.get(&id).and_then(|&i| self.rows.get(i))
    }
    /// Node by code.
    pub fn by_kode(&self, kode: &str) -> Option<&OrgRow> {
        self.by_kode.get(kode).and_then(|&i| self.rows.get(i))
    }
    /// Nodes of one kind, ordered by code.
    pub fn of_jenis(&self, jenis: JenisOrg) -> impl Iterator<Item = &OrgRow> {
        self.rows.iter().filter(move |r| r.jenis == jenis.code())
    }
    /// The OPDs of a pemda (or of all pemda).
    pub fn opds(&self, pemda_id: Option<i64>) -> Vec<&OrgRow> {
        self.of_jenis(JenisOrg::Opd)
            .filter(|r| pemda_id.is_none() || r.pemda_id == pemda_id)
            .collect()
    }
    /// Direct children of a node.
    pub fn children(&self, id: i64) -> Vec<&OrgRow> {
        self.children
            .get(&id)
            .map(|v| v.iter().filter_map(|c| self.get(*c)).collect())
            .unwrap_or_default()
    }
    /// The node and all nodes below it.
    pub fn subtree(&self, id: i64) -> Vec<i64> {
        let mut out = vec![id];
        let mut i = 0;
        while let Some(&cur) = out.get(i) {
            if let Some(c) = self.children.get(&cur) {
                out.extend(c.iter().copied());
            }
            i += 1;
        }
        out
    }
    /// The node and its descendants, stopping at any pemda below it: a pemda's own OPDs and
    /// units without the kabupaten/kota nested under it (the province's own row of a comparison).
    pub fn subtree_own(&self, id: i64) -> Vec<i64> {
        let mut out = vec![id];
        let mut i = 0;
        while let Some(&cur) = out.get(i) {
            if let Some(c) = self.children.get(&cur) {
                out.extend(
                    c.iter()
                        .copied()
                        .filter(|k| self.get(*k).is_none_or(|r| r.jenis != "pemda")),
                );
            }
            i += 1;
        }
        out
    }
    /// From the root down to the node.
    pub fn path(&self, id: i64) -> Vec<&OrgRow> {
        let mut out = Vec::new();
        let mut cur = self.get(id);
        while let Some(r) = cur {
            out.push(r);
            cur = r.induk_id.and_then(|p| self.get(p));
            if out.len() > 16 {
                break;
            }
        }
        out.reverse();
        out
    }
    /// Display name with the OPD, e.g. "Loket KTP-el — Disdukcapil Kota Jambi".
    pub fn label(&self, id: i64) -> String {
        match self.get(id) {
            Some(r) => match r.opd_id.filter(|o| *o != id).and_then(|o| self.get(o)) {
                Some(opd) => format!("{} — {}", r.nama, opd.nama),
                None => r.nama.clone(),
            },
            None => String::new(),
        }
    }
    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.rows.len()
    }
    /// True when the tree is empty.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// What an org import did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct OrgImportCounts {
    /// New nodes.
    pub baru: usize,
    /// Nodes whose name or service flag changed.
    pub diubah: usize,
    /// Nodes already stored as given.
    pub sama: usize,
}

impl Db {
    /// The cached tree (loaded on first use after a write).
    pub async fn org_index(&self) -> Result<Arc<OrgIndex>> {
        if let Ok(g) = self.org_cache.read()
            && let Some(idx) = g.as_ref()
        {
            return Ok(idx.clone());
        }
        const SQL: &str =
            "SELECT org_id, kode, nama, jenis, induk_id, pemda_id, opd_id, layanan FROM org";
        let rows: Vec<OrgRow> = on!(self, p => sqlx::query_as(SQL).fetch_all(p).await?);
        let idx = Arc::new(OrgIndex::new(rows));
        if let Ok(mut g) = self.org_cache.write() {
            *g = Some(idx.clone());
        }
        Ok(idx)
    }

    /// Drops the cached tree.
    pub fn org_invalidate(&self) {
        if let Ok(mut g) = self.org_cache.write() {
            *g = None;
        }
    }

    /// Inserts or updates nodes by code, in one transaction. Nodes are validated by the caller
    /// (`OrgNode::validate` and `check_parent`); they are written parents first. A code that exists
    /// with another kind or parent is refused: moving nodes would orphan the employees below.
    pub async fn org_upsert(&self, actor: &Actor, nodes: &[OrgNode]) -> Result<OrgImportCounts> {
        let mut sorted: Vec<&OrgNode> = nodes.iter().collect();
        sorted.sort_by_key(|n| n.kode.depth());
        let mut counts = OrgImportCounts::default();
        on!(self, p => {
            let mut tx = p.begin_write().await?;
            let mut known: HashMap<String, OrgRow> = HashMap::new();
            for n in sorted {
                let existing: Option<OrgRow> = sqlx::query_as(
                    "SELECT org_id, kode, nama, jenis, induk_id, pemda_id, opd_id, layanan FROM org WHERE kode = $1",
                )
                .bind(n.kode.as_str())
                .fetch_optional(&mut *tx)
                .await?;
                let parent: Option<OrgRow> = match &n.induk {
                    Some(k) => match known.get(k.as_str()) {
                        Some(r) => Some(r.clone()),
                        None => sqlx::query_as(
                            "SELECT org_id, kode, nama, jenis, induk_id, pemda_id, opd_id, layanan FROM org WHERE kode = $1",
                        )
                        .bind(k.as_str())
                        .fetch_optional(&mut *tx)
                        .await?,
                    },
                    None => None,
                };
                if n.induk.is_some() && parent.is_none() {
                    return Err(DbError::Conflict(format!("induk {} tidak ditemukan", n.kode)));
                }
                let row = match existing {
                    Some(old) => {
                        if old.jenis != n.jenis.code() || old.induk_id != parent.as_ref().map(|p| p.org_id) {
                            return Err(DbError::Conflict(format!(
                                "kode {} sudah ada dengan jenis/induk lain; memindahkan unit belum didukung",
                                n.kode
                            )));
                        }
                        if old.nama != n.nama || old.layanan != n.layanan {
                            sqlx::query("UPDATE org SET nama = $1, layanan = $2 WHERE org_id = $3")
                                .bind(&n.nama)
                                .bind(n.layanan)
                                .bind(old.org_id)
                                .execute(&mut *tx)
                                .await?;
                            let new = OrgRow { nama: n.nama.clone(), layanan: n.layanan, ..old.clone() };
                            crate::audit_record!(&mut *tx, actor, "ubah", "org", n.kode.as_str(), Some(audit::json(&old)), Some(audit::json(&new)));
                            counts.diubah += 1;
                            new
                        } else {
                            counts.sama += 1;
                            old
                        }
                    }
                    None => {
                        let (id,): (i64,) = sqlx::query_as(
                            "INSERT INTO org (kode, nama, jenis, induk_id, layanan) VALUES ($1, $2, $3, $4, $5) RETURNING org_id",
                        )
                        .bind(n.kode.as_str())
                        .bind(&n.nama)
                        .bind(n.jenis.code())
                        .bind(parent.as_ref().map(|p| p.org_id))
                        .bind(n.layanan)
                        .fetch_one(&mut *tx)
                        .await?;
                        let (pemda_id, opd_id) = match n.jenis {
                            JenisOrg::Pemda => (Some(id), None),
                            JenisOrg::Opd => (parent.as_ref().and_then(|p| p.pemda_id), Some(id)),
                            JenisOrg::Unit => (
                                parent.as_ref().and_then(|p| p.pemda_id),
                                parent.as_ref().and_then(|p| p.opd_id),
                            ),
                        };
                        sqlx::query("UPDATE org SET pemda_id = $1, opd_id = $2 WHERE org_id = $3")
                            .bind(pemda_id)
                            .bind(opd_id)
                            .bind(id)
                            .execute(&mut *tx)
                            .await?;
                        let new = OrgRow {
                            org_id: id,
                            kode: n.kode.to_string(),
                            nama: n.nama.clone(),
                            jenis: n.jenis.code().to_string(),
                            induk_id: parent.as_ref().map(|p| p.org_id),
                            pemda_id,
                            opd_id,
                            layanan: n.layanan,
                        };
                        crate::audit_record!(&mut *tx, actor, "tambah", "org", n.kode.as_str(), None, Some(audit::json(&new)));
                        counts.baru += 1;
                        new
                    }
                };
                known.insert(row.kode.clone(), row);
            }
            tx.commit().await?;
        });
        self.org_invalidate();
        Ok(counts)
    }
}

/// Parses a code into the typed form (for callers holding a stored row).
pub fn kode_of(row: &OrgRow) -> Option<OrgKode> {
    OrgKode::parse(&row.kode).ok()
}
