//! Builds the demo organisation tree: the 12 pemda (REFERENCE §0), about 15 OPD under each and
//! their units (secretariats, bidang, UPTD, service counters, Puskesmas and schools). The same
//! internal nodes also carry the structural posts (JPT, administrator, pengawas) that the
//! employee generator fills.
//!
//! Codes: a kabupaten/kota OPD is `pemda + ".NN"` (e.g. `15.71.03`), a unit `opd + ".NN"`.
//! A province OPD cannot be `15.NN` because `15.01`..`15.72` are the kabupaten/kota, so province
//! OPDs use the segment `PNN` (`15.P03`, "P" for *provinsi*), which still extends its parent by one
//! segment as the org import requires.

mod opd;

pub(crate) use opd::{Jenjang, OpdKind, UnitKind};

use crate::jambi;
use opd::{ASISTEN, OPD, OpdT, Scope};

/// A structural post held at a node: `jenis_jabatan` code and position name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Post {
    pub jenis: &'static str,
    pub jabatan: String,
}

/// One node of the tree with what the generators need beyond the import columns.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub kode: String,
    pub nama: String,
    pub jenis: &'static str,
    pub induk: String,
    pub layanan: bool,
    /// Index into [`jambi::PEMDA`].
    pub pemda: usize,
    /// The OPD this node is or belongs to (`None` for a pemda).
    pub opd_kind: Option<OpdKind>,
    /// The unit kind (`None` for a pemda or an OPD).
    pub unit_kind: Option<UnitKind>,
    /// Structural posts located at this node, highest first.
    pub posts: Vec<Post>,
}

const JPT_MADYA: &str = "jpt_madya";
const JPT_PRATAMA: &str = "jpt_pratama";
const ADMINISTRATOR: &str = "administrator";
const PENGAWAS: &str = "pengawas";

fn post(jenis: &'static str, jabatan: impl Into<String>) -> Post {
    Post {
        jenis,
        jabatan: jabatan.into(),
    }
}

/// The whole tree in depth-first order (every parent before its children).
pub(crate) fn build() -> Vec<Node> {
    let mut out = Vec::with_capacity(1300);
    for (pi, (kode, nama)) in jambi::PEMDA.iter().enumerate() {
        let province = *kode == jambi::PROVINSI;
        out.push(Node {
            kode: (*kode).to_string(),
            nama: format!("Pemerintah {nama}"),
            jenis: "pemda",
            induk: if province {
                String::new()
            } else {
                jambi::PROVINSI.to_string()
            },
            layanan: false,
            pemda: pi,
            opd_kind: None,
            unit_kind: None,
            posts: Vec::new(),
        });
        let templates = OPD.iter().filter(|t| match t.scope {
            Scope::Both => true,
            Scope::Provinsi => province,
            Scope::KabKota => !province,
        });
        for (oi, t) in templates.enumerate() {
            let opd_kode = if province {
                format!("{kode}.P{:02}", oi + 1)
            } else {
                format!("{kode}.{:02}", oi + 1)
            };
            push_opd(&mut out, t, pi, kode, nama, opd_kode);
        }
    }
    out
}

fn push_opd(
    out: &mut Vec<Node>,
    t: &OpdT,
    pi: usize,
    pemda_kode: &str,
    pemda_nama: &str,
    kode: String,
) {
    let province = pemda_kode == jambi::PROVINSI;
    let (nama, kepala) = if t.kind == OpdKind::Rsud {
        let rs = jambi::rsud(pemda_kode);
        (rs.to_string(), format!("{} {rs}", t.kepala))
    } else {
        (format!("{} {pemda_nama}", t.nama), t.kepala.to_string())
    };
    let mut posts = Vec::new();
    if t.kind == OpdKind::Setda && province {
        // The province Sekda is JPT madya; kabupaten/kota Sekda are JPT pratama.
        posts.push(post(JPT_MADYA, kepala));
    } else {
        posts.push(post(JPT_PRATAMA, kepala));
    }
    if t.kind == OpdKind::Setda {
        posts.extend(ASISTEN.iter().map(|a| post(JPT_PRATAMA, *a)));
    }
    out.push(Node {
        kode: kode.clone(),
        nama,
        jenis: "opd",
        induk: pemda_kode.to_string(),
        layanan: false,
        pemda: pi,
        opd_kind: Some(t.kind),
        unit_kind: None,
        posts,
    });

    let mut units: Vec<(String, UnitKind, Vec<Post>)> = t
        .units
        .iter()
        .map(|u| {
            let mut posts = Vec::new();
            let sub_jenis = match u.kind {
                UnitKind::Sekretariat => {
                    posts.push(post(ADMINISTRATOR, format!("Sekretaris {}", t.nama)));
                    PENGAWAS
                }
                UnitKind::Biro => {
                    posts.push(post(JPT_PRATAMA, format!("Kepala {}", u.nama)));
                    ADMINISTRATOR
                }
                UnitKind::Bagian | UnitKind::Bidang => {
                    posts.push(post(ADMINISTRATOR, format!("Kepala {}", u.nama)));
                    PENGAWAS
                }
                UnitKind::Irban => {
                    posts.push(post(ADMINISTRATOR, u.nama));
                    PENGAWAS
                }
                UnitKind::UptdLayanan | UnitKind::Puskesmas => {
                    posts.push(post(PENGAWAS, format!("Kepala {}", u.nama)));
                    PENGAWAS
                }
                UnitKind::Loket | UnitKind::Instalasi | UnitKind::Sekolah(_) => PENGAWAS,
            };
            posts.extend(
                u.subs
                    .iter()
                    .map(|s| post(sub_jenis, format!("Kepala {s}"))),
            );
            (u.nama.to_string(), u.kind, posts)
        })
        .collect();
    extra_units(&mut units, t.kind, pemda_kode, province);

    for (i, (unama, kind, posts)) in units.into_iter().enumerate() {
        out.push(Node {
            kode: format!("{kode}.{:02}", i + 1),
            nama: unama,
            jenis: "unit",
            induk: kode.clone(),
            layanan: kind.layanan(),
            pemda: pi,
            opd_kind: Some(t.kind),
            unit_kind: Some(kind),
            posts,
        });
    }
}

/// Units that depend on the region: Puskesmas and schools named after kecamatan, the
/// province's SMA/SMK/SLB and its Samsat offices in every kabupaten/kota.
fn extra_units(
    units: &mut Vec<(String, UnitKind, Vec<Post>)>,
    kind: OpdKind,
    pemda: &str,
    province: bool,
) {
    let kecs = jambi::kecamatan(pemda);
    let place = jambi::PEMDA
        .iter()
        .find(|p| p.0 == pemda)
        .map_or("", |p| jambi::place(p.1));
    let mut add = |nama: String, k: UnitKind| {
        let posts = if k == UnitKind::Puskesmas || k == UnitKind::UptdLayanan {
            vec![post(PENGAWAS, format!("Kepala {nama}"))]
        } else {
            Vec::new()
        };
        units.push((nama, k, posts));
    };
    match (kind, province) {
        (OpdKind::Dinkes, false) => {
            let names: Vec<String> = if pemda == "15.71" {
                // Kota Jambi's Puskesmas carry neighbourhood names rather than kecamatan names.
                [
                    "Putri Ayu",
                    "Simpang IV Sipin",
                    "Paal X",
                    "Kenali Besar",
                    "Talang Banjar",
                    "Olak Kemang",
                    "Tahtul Yaman",
                    "Pakuan Baru",
                    "Rawasari",
                    "Aur Duri",
                ]
                .iter()
                .map(|s| (*s).to_string())
                .collect()
            } else {
                kecs.iter().take(9).map(|k| (*k).to_string()).collect()
            };
            for n in names {
                add(format!("Puskesmas {n}"), UnitKind::Puskesmas);
            }
        }
        (OpdKind::Disdik, false) => {
            for k in kecs.iter().take(6) {
                add(format!("SD Negeri 1 {k}"), UnitKind::Sekolah(Jenjang::Sd));
            }
            for i in 1..=3 {
                add(
                    format!("SMP Negeri {i} {place}"),
                    UnitKind::Sekolah(Jenjang::Smp),
                );
            }
        }
        (OpdKind::Disdik, true) => {
            for (_, nama) in &jambi::PEMDA[1..] {
                let p = jambi::place(nama);
                let (sma, smk) = if p == "Kota Jambi" { (4, 2) } else { (1, 1) };
                for i in 1..=sma {
                    add(
                        format!("SMA Negeri {i} {p}"),
                        UnitKind::Sekolah(Jenjang::Sma),
                    );
                }
                for i in 1..=smk {
                    add(
                        format!("SMK Negeri {i} {p}"),
                        UnitKind::Sekolah(Jenjang::Smk),
                    );
                }
            }
            add(
                "SLB Negeri Kota Jambi".to_string(),
                UnitKind::Sekolah(Jenjang::Slb),
            );
            add(
                "SLB Negeri Merangin".to_string(),
                UnitKind::Sekolah(Jenjang::Slb),
            );
        }
        (OpdKind::Bapenda, true) => {
            for (_, nama) in &jambi::PEMDA[1..] {
                add(
                    format!("UPTD Samsat {}", jambi::place(nama)),
                    UnitKind::UptdLayanan,
                );
            }
        }
        _ => {}
    }
}
