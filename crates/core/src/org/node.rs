//! One node of the organisation tree: its raw input ([`OrgInput`]), the validated node
//! ([`OrgNode`]), the self-contained rules ([`OrgNode::validate`]) and the rules that need the
//! parent node ([`OrgNode::check_parent`]).

use super::{JenisOrg, OrgKode};
use crate::error::{FieldError, ValidationErrors, clean_text};

/// Maximum length of an organisation name.
pub const MAX_NAMA_ORG: usize = 200;

/// Raw organisation fields, as typed in a form or read from a file.
#[derive(Debug, Clone, Default)]
pub struct OrgInput {
    /// Dotted code, e.g. `"15.71.03"`.
    pub kode: String,
    /// Name, e.g. "Dinas Kependudukan dan Pencatatan Sipil".
    pub nama: String,
    /// `"pemda"`, `"opd"` or `"unit"`.
    pub jenis: String,
    /// Parent code; empty only for a root pemda.
    pub induk: String,
    /// Optional "ya"/"tidak"/"1"/"0"/"": is it a *unit layanan* (public service unit)?
    pub layanan: String,
}

/// A validated organisation node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgNode {
    /// Its code.
    pub kode: OrgKode,
    /// Its name (trimmed).
    pub nama: String,
    /// Pemda, OPD or unit.
    pub jenis: JenisOrg,
    /// Parent code (`None` for a root pemda).
    pub induk: Option<OrgKode>,
    /// True for a *unit layanan*; only units can be one.
    pub layanan: bool,
}

/// Reads a yes/no cell: "ya", "y", "yes", "true", "1" → true; "tidak", "tdk", "no", "n",
/// "false", "0" and "" → false (case-insensitive).
pub fn parse_ya_tidak(s: &str) -> Result<bool, String> {
    match s.trim().to_lowercase().as_str() {
        "ya" | "y" | "yes" | "true" | "1" => Ok(true),
        "" | "tidak" | "tdk" | "no" | "n" | "false" | "0" => Ok(false),
        _ => Err(format!(
            "isian harus 'ya' atau 'tidak', ditemukan '{}'",
            s.trim()
        )),
    }
}

fn take<T>(r: Result<T, String>, field: &str, errs: &mut ValidationErrors) -> Option<T> {
    r.map_err(|m| errs.add(field, m)).ok()
}

impl OrgNode {
    /// Checks one node on its own and collects every field error: `kode`, `nama` (required, at
    /// most 200 characters), `jenis`, `induk` and `layanan` must parse; a pemda has a 1- or
    /// 2-segment code and an empty or pemda-shaped `induk`; an OPD or unit needs an `induk`; a
    /// code with an `induk` is that `induk` plus exactly one segment; only units can be
    /// `layanan`.
    pub fn validate(input: &OrgInput) -> Result<OrgNode, ValidationErrors> {
        let mut errs = ValidationErrors::new();
        let kode = take(OrgKode::parse(&input.kode), "kode", &mut errs);
        let nama = match clean_text("nama", "nama organisasi", &input.nama, true, MAX_NAMA_ORG) {
            Ok(n) => n,
            Err(e) => {
                errs.push(e);
                None
            }
        };
        let jenis = take(JenisOrg::parse(&input.jenis), "jenis", &mut errs);
        let induk = if input.induk.trim().is_empty() {
            Ok(None)
        } else {
            OrgKode::parse(&input.induk)
                .map(Some)
                .map_err(|m| errs.add("induk", m))
        };
        let layanan = take(parse_ya_tidak(&input.layanan), "layanan", &mut errs);

        if let (Some(jenis), Ok(induk)) = (jenis, &induk) {
            match (jenis, induk) {
                (JenisOrg::Pemda, Some(i)) if i.depth() > 2 => errs.add(
                    "induk",
                    format!("induk pemda harus kode pemda (1–2 bagian, mis. 15), ditemukan {i}"),
                ),
                (JenisOrg::Opd | JenisOrg::Unit, None) => errs.add(
                    "induk",
                    format!("induk wajib diisi untuk {}", jenis.label()),
                ),
                _ => {}
            }
            if let Some(k) = &kode {
                if jenis == JenisOrg::Pemda && k.depth() > 2 {
                    errs.add(
                        "kode",
                        format!(
                            "kode pemda harus 1 atau 2 bagian (mis. 15 atau 15.71), ditemukan {k}"
                        ),
                    );
                }
                if let Some(i) = induk
                    && !k.is_child_of(i)
                {
                    errs.add(
                        "kode",
                        format!(
                            "kode {k} harus berupa kode induk ({i}) ditambah satu bagian, \
                             mis. {i}.01"
                        ),
                    );
                }
            }
        }
        if let (Some(true), Some(j)) = (layanan, jenis)
            && j != JenisOrg::Unit
        {
            errs.add(
                "layanan",
                format!(
                    "hanya unit kerja yang dapat menjadi unit layanan, bukan {}",
                    j.label()
                ),
            );
        }

        match (kode, nama, jenis, induk, layanan) {
            (Some(kode), Some(nama), Some(jenis), Ok(induk), Some(layanan)) if errs.is_empty() => {
                Ok(OrgNode {
                    kode,
                    nama,
                    jenis,
                    induk,
                    layanan,
                })
            }
            _ => Err(errs),
        }
    }

    /// Checks the rules that need the parent node, given as `(code, kind)` or `None` when no
    /// node with code `induk` exists. A pemda hangs under a pemda, an OPD under a pemda, a unit
    /// under an OPD or another unit. A node without `induk` has nothing to check.
    pub fn check_parent(&self, parent: Option<(&OrgKode, JenisOrg)>) -> Result<(), FieldError> {
        let Some(induk) = &self.induk else {
            return Ok(());
        };
        let Some((kode, jenis)) = parent else {
            return Err(FieldError::new(
                "induk",
                format!("induk {induk} tidak ditemukan"),
            ));
        };
        if kode != induk {
            return Err(FieldError::new(
                "induk",
                format!("data induk yang diperiksa ({kode}) bukan induk {induk}"),
            ));
        }
        let allowed = self.jenis.allowed_parents();
        if allowed.contains(&jenis) {
            return Ok(());
        }
        let names: Vec<&str> = allowed.iter().map(JenisOrg::label).collect();
        Err(FieldError::new(
            "induk",
            format!(
                "induk {} harus {}, sedangkan {induk} adalah {}",
                self.jenis.label(),
                names.join(" atau "),
                jenis.label()
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(kode: &str, jenis: &str, induk: &str) -> OrgInput {
        OrgInput {
            kode: kode.into(),
            nama: "Contoh".into(),
            jenis: jenis.into(),
            induk: induk.into(),
            layanan: String::new(),
        }
    }

    fn k(s: &str) -> OrgKode {
        OrgKode::parse(s).unwrap()
    }

    #[test]
    fn valid_nodes_of_each_kind() {
        let prov = OrgNode::validate(&input("15", "pemda", "")).unwrap();
        assert_eq!((prov.jenis, prov.induk), (JenisOrg::Pemda, None));
        let kota = OrgNode::validate(&input("15.71", "pemda", "15")).unwrap();
        assert_eq!(kota.induk, Some(k("15")));
        assert!(
            OrgNode::validate(&input("15.71", "pemda", "")).is_ok(),
            "kab/kota as root"
        );
        let opd = OrgNode::validate(&input("15.71.03", "OPD", "15.71")).unwrap();
        assert_eq!(opd.kode, k("15.71.03"));
        let mut counter = input("15.71.03.01", "unit", " 15.71.03 ");
        counter.layanan = "Ya".into();
        counter.nama = "  Loket Disdukcapil  ".into();
        let counter = OrgNode::validate(&counter).unwrap();
        assert!(counter.layanan);
        assert_eq!(counter.nama, "Loket Disdukcapil");
    }

    #[test]
    fn collects_all_field_errors() {
        let bad = OrgInput {
            kode: "15..71".into(),
            nama: " ".into(),
            jenis: "kecamatan".into(),
            induk: "1 5".into(),
            layanan: "mungkin".into(),
        };
        let errs = OrgNode::validate(&bad).unwrap_err();
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["kode", "nama", "jenis", "induk", "layanan"]);
    }

    #[test]
    fn pemda_shape_rules() {
        let errs = OrgNode::validate(&input("15.71.03", "pemda", "15.71")).unwrap_err();
        assert!(errs.has("kode"));
        let errs = OrgNode::validate(&input("15.71.03.01", "pemda", "15.71.03")).unwrap_err();
        assert!(errs.has("induk") && errs.has("kode"), "{errs}");
    }

    #[test]
    fn opd_and_unit_need_induk_and_one_more_segment() {
        let errs = OrgNode::validate(&input("15.71.03", "opd", "")).unwrap_err();
        assert_eq!(
            errs.messages_for("induk").collect::<Vec<_>>(),
            ["induk wajib diisi untuk OPD"]
        );
        let errs = OrgNode::validate(&input("15.72.03", "opd", "15.71")).unwrap_err();
        assert!(
            errs.messages_for("kode")
                .any(|m| m.contains("ditambah satu bagian"))
        );
        let errs = OrgNode::validate(&input("15.71.03.01.02", "unit", "15.71.03")).unwrap_err();
        assert!(errs.has("kode"));
        assert!(
            OrgNode::validate(&input("15.71", "opd", "15.71")).is_err(),
            "own parent"
        );
    }

    #[test]
    fn layanan_only_on_units() {
        let mut opd = input("15.71.03", "opd", "15.71");
        opd.layanan = "1".into();
        let errs = OrgNode::validate(&opd).unwrap_err();
        assert!(errs.has("layanan"));
        opd.layanan = "tidak".into();
        assert!(!OrgNode::validate(&opd).unwrap().layanan);
    }

    #[test]
    fn nama_length_and_control_chars() {
        let mut i = input("15", "pemda", "");
        i.nama = "x".repeat(201);
        assert!(OrgNode::validate(&i).unwrap_err().has("nama"));
        i.nama = "x".repeat(200);
        assert!(OrgNode::validate(&i).is_ok());
        i.nama = "Dinas\tA".into();
        assert!(OrgNode::validate(&i).unwrap_err().has("nama"));
    }

    #[test]
    fn check_parent_rules() {
        let node = |kode, jenis, induk| OrgNode::validate(&input(kode, jenis, induk)).unwrap();
        let opd = node("15.71.03", "opd", "15.71");
        let p = k("15.71");
        assert_eq!(opd.check_parent(Some((&p, JenisOrg::Pemda))), Ok(()));
        let err = opd.check_parent(None).unwrap_err();
        assert_eq!(err, FieldError::new("induk", "induk 15.71 tidak ditemukan"));
        let err = opd.check_parent(Some((&p, JenisOrg::Opd))).unwrap_err();
        assert!(err.message.contains("harus Pemda"), "{}", err.message);

        let unit = node("15.71.03.01", "unit", "15.71.03");
        let o = k("15.71.03");
        assert!(unit.check_parent(Some((&o, JenisOrg::Opd))).is_ok());
        assert!(unit.check_parent(Some((&o, JenisOrg::Unit))).is_ok());
        assert!(unit.check_parent(Some((&o, JenisOrg::Pemda))).is_err());
        assert!(
            unit.check_parent(Some((&p, JenisOrg::Opd))).is_err(),
            "wrong node given"
        );

        let kota = node("15.71", "pemda", "15");
        assert!(kota.check_parent(Some((&k("15"), JenisOrg::Pemda))).is_ok());
        assert!(kota.check_parent(Some((&k("15"), JenisOrg::Opd))).is_err());
        let prov = node("15", "pemda", "");
        assert_eq!(prov.check_parent(None), Ok(()));
    }

    #[test]
    fn ya_tidak() {
        assert_eq!(parse_ya_tidak(" YA "), Ok(true));
        assert_eq!(parse_ya_tidak("1"), Ok(true));
        assert_eq!(parse_ya_tidak(""), Ok(false));
        assert_eq!(parse_ya_tidak("Tidak"), Ok(false));
        assert!(parse_ya_tidak("2").is_err());
    }
}
