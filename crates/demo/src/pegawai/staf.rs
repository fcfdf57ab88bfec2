//! Non-structural positions (*jabatan fungsional* and *pelaksana*) and where they are found:
//! the staff mix of each kind of office, Puskesmas, hospital, school and service counter.
//! Pelaksana names follow the 2023 nomenclature ("Operator Layanan Operasional", ...) with some
//! older ones ("Pengadministrasi Umum") still present, as in real SIMPEG data.

use crate::org::{Node, OpdKind, UnitKind};
use crate::rng::Rng;

/// Level (*jenjang*) of a functional position (REFERENCE §5.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    AhliPertama,
    AhliMuda,
    AhliMadya,
    AhliUtama,
    Pemula,
    Terampil,
    Mahir,
    Penyelia,
}

impl Level {
    /// The level as written after the position name.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Level::AhliPertama => "Ahli Pertama",
            Level::AhliMuda => "Ahli Muda",
            Level::AhliMadya => "Ahli Madya",
            Level::AhliUtama => "Ahli Utama",
            Level::Pemula => "Pemula",
            Level::Terampil => "Terampil",
            Level::Mahir => "Mahir",
            Level::Penyelia => "Penyelia",
        }
    }
}

/// Field of study, which decides academic titles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Pemerintahan,
    Keuangan,
    Hukum,
    Komputer,
    Kesmas,
    Perawat,
    Bidan,
    Dokter,
    DokterGigi,
    Apoteker,
    Farmasi,
    Gizi,
    Laboratorium,
    Guru,
    Teknik,
    Sosial,
    Statistik,
}

/// A non-structural position: base name, levels (empty = pelaksana), relative frequency,
/// share of women (%), field of study, and whether PPPK are recruited into it.
pub(crate) struct Staf {
    pub nama: &'static str,
    pub levels: &'static [(Level, u32)],
    pub w: u32,
    pub female: u32,
    pub field: Field,
    pub pppk: bool,
}

#[rustfmt::skip]
mod table;

use table::{
    BAPENDA, BAPPEDA, BKD, BPKAD, BPSDM, DINKES, DINSOS, DISDIK, DISHUB, DPMPTSP, DUKCAPIL,
    INSPEKTORAT, KOMINFO, PUPR, PUSKESMAS, RSUD_KANTOR, RUMAH_SAKIT, SATPOL, SEKOLAH, SETDA,
    SETWAN, UMUM,
};

fn opd_staf(kind: OpdKind) -> &'static [Staf] {
    match kind {
        OpdKind::Setda => SETDA,
        OpdKind::Setwan => SETWAN,
        OpdKind::Inspektorat => INSPEKTORAT,
        OpdKind::Bappeda => BAPPEDA,
        OpdKind::Bkd => BKD,
        OpdKind::Bpkad => BPKAD,
        OpdKind::Bapenda => BAPENDA,
        OpdKind::Dukcapil => DUKCAPIL,
        OpdKind::Dinkes => DINKES,
        OpdKind::Disdik => DISDIK,
        OpdKind::Dpmptsp => DPMPTSP,
        OpdKind::Pupr => PUPR,
        OpdKind::Kominfo => KOMINFO,
        OpdKind::Dinsos => DINSOS,
        OpdKind::Dishub => DISHUB,
        OpdKind::Satpol => SATPOL,
        OpdKind::Bpsdm => BPSDM,
        OpdKind::Rsud => RSUD_KANTOR,
    }
}

/// Share of PPPK among the staff of a node, in percent: high in schools and health units,
/// where most PPPK were recruited (teachers from 2021, health workers from 2022).
pub(crate) fn pppk_pct(node: &Node) -> u32 {
    match node.unit_kind {
        Some(UnitKind::Sekolah(_)) => 30,
        Some(UnitKind::Puskesmas | UnitKind::Instalasi) => 20,
        _ => 7,
    }
}

/// The staff list to draw from at this node and, when `pppk`, only positions open to PPPK.
/// Returns `None` when nothing fits (e.g. a PPPK draw at a node without PPPK positions).
pub(crate) fn pick(rng: &mut Rng, node: &Node, pppk: bool) -> Option<&'static Staf> {
    let kind = node.opd_kind?;
    let (list, specific_pct): (&'static [Staf], u32) = match node.unit_kind {
        Some(UnitKind::Puskesmas) => (PUSKESMAS, 100),
        Some(UnitKind::Instalasi) => (RUMAH_SAKIT, 100),
        Some(UnitKind::Sekolah(_)) => (SEKOLAH, 100),
        Some(UnitKind::UptdLayanan) if kind == OpdKind::Dinkes => (PUSKESMAS, 60),
        Some(UnitKind::Sekretariat) => (opd_staf(kind), 25),
        Some(UnitKind::Loket) => (opd_staf(kind), 65),
        _ => (opd_staf(kind), 70),
    };
    let list = if rng.chance(specific_pct) { list } else { UMUM };
    let weight = |st: &Staf| if pppk && !st.pppk { 0 } else { st.w };
    rng.weighted(list, weight).and_then(|i| list.get(i))
}
