//! # bangkom-demo
//!
//! A deterministic, realistic data set for Jambi province: the organisation tree (12 pemda, 193 OPD
//! and about 1,200 units) and any number of ASN records, produced as plain string rows shaped
//! exactly like the import files, so the demo goes through the same import path as a real
//! agency's file. No `rand`: a SplitMix64 generator keeps the output identical for a given seed.
//!
//! # Layout
//! - [`jambi`]: the 12 pemda codes (REFERENCE §0), kecamatan, hospitals; Disdukcapil service units.
//! - `org`: the tree builder (pemda → OPD → unit) and the structural posts of each node.
//! - `pegawai`: the streaming employee generator (names, NIP, golongan, positions).
//! - `csv`: fast plain CSV writers ([`write_pegawai_csv`], [`write_org_csv`]).

mod csv;
pub mod jambi;
pub mod layanan;
mod names;
mod org;
mod pegawai;
pub mod pengalaman;
pub mod program;
mod rng;
pub mod skm;

pub use csv::{write_org_csv, write_pegawai_csv};

/// One organisation node, as a row of the org import file (columns kode,nama,jenis,induk,layanan).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgRecord {
    /// Dotted code, e.g. `15.71` (Kota Jambi), `15.71.03` (an OPD), `15.71.03.02` (a unit).
    pub kode: String,
    /// Official name, e.g. "Dinas Kesehatan Kota Jambi", "Puskesmas Putri Ayu".
    pub nama: String,
    /// `"pemda"`, `"opd"` or `"unit"`.
    pub jenis: &'static str,
    /// Parent code; `""` for the province.
    pub induk: String,
    /// Whether the unit serves the public (*unit layanan*): counters, Puskesmas, schools.
    pub layanan: bool,
}

/// One ASN, as a row of the employee import file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PegawaiRecord {
    /// NIP (PNS) or NI PPPK, 18 digits (REFERENCE §5.1).
    pub nip: String,
    /// Name without academic titles.
    pub nama: String,
    /// Title written before the name, e.g. "dr.", "Drs.", "Ns."; may be empty.
    pub gelar_depan: String,
    /// Title written after the name, e.g. "S.Kom.", "M.Si."; may be empty.
    pub gelar_belakang: String,
    /// `"L"` or `"P"`.
    pub jenis_kelamin: &'static str,
    /// Birth date, `YYYY-MM-DD`.
    pub tanggal_lahir: String,
    /// `"PNS"` or `"PPPK"`.
    pub jenis_asn: &'static str,
    /// PNS golongan/ruang such as `"III/a"`, or PPPK golongan such as `"IX"`.
    pub golongan: String,
    /// `"jpt_madya"`, `"jpt_pratama"`, `"administrator"`, `"pengawas"`, `"fungsional"` or `"pelaksana"`.
    pub jenis_jabatan: &'static str,
    /// Position name, e.g. "Kepala Dinas Kesehatan", "Perawat Terampil".
    pub jabatan: String,
    /// Level of a functional position ("Ahli Muda", "Terampil"); empty otherwise.
    pub jenjang: String,
    /// Code of the org node the employee works in.
    pub unit: String,
    /// `"aktif"` mostly; a few `"cuti"`.
    pub status: &'static str,
    /// Start of the current position, `YYYY-MM-DD`.
    pub tmt_jabatan: String,
}

/// Columns of the employee import file, in [`PegawaiRecord::to_row`] order.
pub const PEGAWAI_HEADER: &[&str] = &[
    "nip",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "jenis_kelamin",
    "tanggal_lahir",
    "jenis_asn",
    "golongan",
    "jenis_jabatan",
    "jabatan",
    "jenjang",
    "unit",
    "status",
    "tmt_jabatan",
];

/// Columns of the org import file, in [`OrgRecord::to_row`] order.
pub const ORG_HEADER: &[&str] = &["kode", "nama", "jenis", "induk", "layanan"];

/// Number of employees in the standard demo data set.
pub const DEFAULT_PEGAWAI: usize = 20_000;

impl PegawaiRecord {
    /// The cells in [`PEGAWAI_HEADER`] order.
    pub fn to_row(&self) -> Vec<String> {
        self.cells().iter().map(|c| (*c).to_string()).collect()
    }

    /// The cells in [`PEGAWAI_HEADER`] order, borrowed.
    pub fn cells(&self) -> [&str; 14] {
        [
            &self.nip,
            &self.nama,
            &self.gelar_depan,
            &self.gelar_belakang,
            self.jenis_kelamin,
            &self.tanggal_lahir,
            self.jenis_asn,
            &self.golongan,
            self.jenis_jabatan,
            &self.jabatan,
            &self.jenjang,
            &self.unit,
            self.status,
            &self.tmt_jabatan,
        ]
    }
}

impl OrgRecord {
    /// The cells in [`ORG_HEADER`] order; `layanan` is `"ya"` or `""`.
    pub fn to_row(&self) -> Vec<String> {
        vec![
            self.kode.clone(),
            self.nama.clone(),
            self.jenis.to_string(),
            self.induk.clone(),
            if self.layanan { "ya" } else { "" }.to_string(),
        ]
    }
}

/// The demo organisation tree: the province, its 11 kabupaten/kota, their OPD and units,
/// parents always before children.
pub fn org_tree() -> Vec<OrgRecord> {
    org::build()
        .into_iter()
        .map(|n| OrgRecord {
            kode: n.kode,
            nama: n.nama,
            jenis: n.jenis,
            induk: n.induk,
            layanan: n.layanan,
        })
        .collect()
}

/// `n` ASN records, deterministic for `(n, seed)`, with unique NIPs, grouped by unit in tree
/// order (head first, as a SIMPEG export). Records are generated lazily, so a 1,000,000-row
/// file can be written without holding the rows; the NIP registry keeps one small entry per
/// distinct NIP prefix.
///
/// When `n` is at least the number of structural posts (about 1,700), every OPD has its head
/// (JPT) and every bidang/bagian its administrator; with fewer, the highest posts come first.
pub fn pegawai(n: usize, seed: u64) -> impl Iterator<Item = PegawaiRecord> {
    pegawai::Generator::new(n, seed)
}
