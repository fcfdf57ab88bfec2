//! The participant list of one program at scale: search by NIP or name, a status filter, a sort
//! column and pages of 50, shared by the program page (`/program/{kode}`), its export
//! (`/program/{kode}/peserta/ekspor`) and `GET /api/v1/program/{kode}/peserta`. It works on the
//! list the caller may already see ([`crate::peserta::peserta_scope`]), so scoping is unchanged.

use bangkom_core::peserta::{StatusPeserta, peningkatan};
use bangkom_db::program::PesertaRow;
use serde::{Deserialize, Serialize};

/// Rows per page.
pub const PER_PAGE: usize = 50;

/// The query string of the list (`?cari=&status=&urut=&turun=1&hal=`).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct PesertaQuery {
    /// NIP (prefix or part) or part of the name, case-insensitive.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub cari: String,
    /// A status code ([`StatusPeserta::code`]); empty = all.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub status: String,
    /// `nip`, `nama`, `status` (default), `hadir`, `post` or `peningkatan`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub urut: String,
    /// `1` for descending.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub turun: String,
    /// Page, from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hal: Option<usize>,
    /// Message after a redirect (kept off the links).
    #[serde(default, skip_serializing)]
    pub pesan: String,
}

/// The sort columns and their labels.
pub const URUT: [(&str, &str); 6] = [
    ("nip", "NIP"),
    ("nama", "Nama"),
    ("status", "Status"),
    ("hadir", "Hadir"),
    ("post", "Post"),
    ("peningkatan", "Peningkatan"),
];

impl PesertaQuery {
    /// The status asked for, if a known one.
    pub fn status(&self) -> Option<StatusPeserta> {
        StatusPeserta::parse(self.status.trim()).ok()
    }

    /// The sort column (unknown → `status`, the stored order).
    pub fn urut(&self) -> &'static str {
        URUT.iter()
            .map(|(k, _)| *k)
            .find(|k| *k == self.urut.trim())
            .unwrap_or("status")
    }

    /// Descending?
    pub fn turun(&self) -> bool {
        self.turun == "1"
    }

    /// Filters and sorts `list` (every matching row, for the export).
    pub fn saring(&self, list: Vec<PesertaRow>) -> Vec<PesertaRow> {
        let cari = self.cari.trim().to_lowercase();
        let status = self.status();
        let mut rows: Vec<PesertaRow> = list
            .into_iter()
            .filter(|r| status.is_none_or(|s| r.status() == s))
            .filter(|r| {
                cari.is_empty() || r.nip.contains(&cari) || r.nama.to_lowercase().contains(&cari)
            })
            .collect();
        // `status` keeps the stored order (status, waitlist, name); the others are stable sorts
        // on top of it, so ties stay in that order.
        match self.urut() {
            "nip" => rows.sort_by(|a, b| a.nip.cmp(&b.nip)),
            "nama" => rows.sort_by(|a, b| {
                a.nama
                    .to_lowercase()
                    .cmp(&b.nama.to_lowercase())
                    .then_with(|| a.nip.cmp(&b.nip))
            }),
            "hadir" => rows.sort_by_key(|r| r.hadir),
            "post" => rows.sort_by_key(|r| r.nilai_post),
            "peningkatan" => rows.sort_by_key(|r| peningkatan(r.pre(), r.post())),
            _ => {}
        }
        if self.turun() {
            rows.reverse();
        }
        rows
    }

    /// One page of the filtered list.
    pub fn halaman(&self, list: Vec<PesertaRow>) -> Halaman {
        let rows = self.saring(list);
        let total = rows.len();
        let pages = total.div_ceil(PER_PAGE).max(1);
        let page = self.hal.unwrap_or(1).clamp(1, pages);
        let items = rows
            .into_iter()
            .skip((page - 1) * PER_PAGE)
            .take(PER_PAGE)
            .collect();
        Halaman {
            items,
            total,
            page,
            pages,
        }
    }

    /// The query string of a link to page `page`, or (with `urut`) to a sort order: the same
    /// column again flips the direction.
    pub fn link(&self, page: usize, urut: Option<&str>) -> String {
        let mut q = self.clone();
        q.hal = (page > 1).then_some(page);
        if let Some(u) = urut {
            q.turun = if self.urut() == u && !self.turun() {
                "1".into()
            } else {
                String::new()
            };
            q.urut = u.to_string();
            q.hal = None;
        }
        serde_urlencoded::to_string(&q).unwrap_or_default()
    }
}

/// A page of participants.
#[derive(Debug)]
pub struct Halaman {
    /// The rows of this page.
    pub items: Vec<PesertaRow>,
    /// Matching rows over all pages.
    pub total: usize,
    /// This page, from 1.
    pub page: usize,
    /// Number of pages (at least 1).
    pub pages: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(nip: &str, nama: &str, status: &str, hadir: i64, post: Option<i64>) -> PesertaRow {
        PesertaRow {
            peserta_id: 0,
            pegawai_id: 0,
            nip: nip.into(),
            nama: nama.into(),
            opd_id: 0,
            status: status.into(),
            cara: "usulan".into(),
            antrian: None,
            alasan: None,
            nilai_pre: Some(50),
            nilai_post: post,
            jp_diakui: 0,
            nomor_sertifikat: None,
            hadir,
        }
    }

    fn list() -> Vec<PesertaRow> {
        vec![
            row("199001012020121001", "Budi", "disetujui", 2, Some(70)),
            row("198502022010012002", "Ani", "disetujui", 3, Some(90)),
            row("197703032000031003", "Citra", "selesai", 1, Some(60)),
        ]
    }

    #[test]
    fn search_status_and_sort() {
        let q = PesertaQuery {
            cari: "an".into(),
            ..PesertaQuery::default()
        };
        let r = q.saring(list());
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].nama, "Ani");
        let q = PesertaQuery {
            cari: "1977".into(),
            ..PesertaQuery::default()
        };
        assert_eq!(q.saring(list())[0].nama, "Citra");
        let q = PesertaQuery {
            status: "disetujui".into(),
            urut: "post".into(),
            turun: "1".into(),
            ..PesertaQuery::default()
        };
        let names: Vec<_> = q.saring(list()).into_iter().map(|r| r.nama).collect();
        assert_eq!(names, ["Ani", "Budi"]);
    }

    #[test]
    fn pages_of_fifty() {
        let many: Vec<_> = (0..120)
            .map(|i| row(&format!("{i:018}"), "X", "disetujui", 0, None))
            .collect();
        let q = PesertaQuery {
            hal: Some(3),
            urut: "nip".into(),
            ..PesertaQuery::default()
        };
        let h = q.halaman(many.clone());
        assert_eq!((h.total, h.page, h.pages, h.items.len()), (120, 3, 3, 20));
        assert_eq!(h.items[0].nip, format!("{:018}", 100));
        let q = PesertaQuery {
            hal: Some(99),
            ..PesertaQuery::default()
        };
        assert_eq!(q.halaman(many).page, 3);
        assert_eq!(q.link(2, Some("nama")), "urut=nama");
    }
}
