//! The typical *perangkat daerah* (OPD) of a Jambi pemda and the units below each, as templates.
//! Names follow the usual SOTK (PP 18/2016 style) wording; none contains a comma, so rows can be
//! written to CSV without quoting.

/// Which OPD a node belongs to; drives the positions and staff found there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OpdKind {
    Setda,
    Setwan,
    Inspektorat,
    Bappeda,
    Bkd,
    Bpkad,
    Bapenda,
    Dukcapil,
    Dinkes,
    Disdik,
    Dpmptsp,
    Pupr,
    Kominfo,
    Dinsos,
    Dishub,
    Satpol,
    Bpsdm,
    Rsud,
}

/// The kind of a unit, which fixes its structural posts, default size and whether it serves
/// the public (*unit layanan*).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitKind {
    /// Secretariat of a dinas/badan: administrator + pengawas per subbagian.
    Sekretariat,
    /// Bagian (kab/kota Setda, Setwan, RSUD): administrator + pengawas per subbagian.
    Bagian,
    /// Biro of the province Setda: led by a JPT pratama, bagian heads as administrators.
    Biro,
    /// Bidang (or Cabang Dinas): administrator + pengawas per seksi/subbidang.
    Bidang,
    /// Inspektur Pembantu: an administrator post named like the unit.
    Irban,
    /// UPTD serving the public (laboratory, vehicle testing, Samsat): one pengawas head.
    UptdLayanan,
    /// Service counter (loket, gerai, call centre): staff only.
    Loket,
    /// Hospital installation (IGD, rawat jalan, ...): health staff, serves the public.
    Instalasi,
    /// Puskesmas: pengawas head plus health staff, serves the public.
    Puskesmas,
    /// School of the given level: teachers, serves the public.
    Sekolah(Jenjang),
}

/// School level; fixes the teacher mix and size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Jenjang {
    Sd,
    Smp,
    Sma,
    Smk,
    Slb,
}

impl UnitKind {
    /// Whether units of this kind serve the public directly.
    pub(crate) fn layanan(self) -> bool {
        matches!(
            self,
            UnitKind::UptdLayanan
                | UnitKind::Loket
                | UnitKind::Instalasi
                | UnitKind::Puskesmas
                | UnitKind::Sekolah(_)
        )
    }

    /// Relative number of non-structural staff (schools and puskesmas are the big ones).
    pub(crate) fn weight(self) -> u32 {
        match self {
            UnitKind::Sekretariat => 14,
            UnitKind::Bagian | UnitKind::Biro => 8,
            UnitKind::Bidang | UnitKind::Irban => 7,
            UnitKind::UptdLayanan => 10,
            UnitKind::Loket => 5,
            UnitKind::Instalasi => 16,
            UnitKind::Puskesmas => 22,
            UnitKind::Sekolah(Jenjang::Sd) => 30,
            UnitKind::Sekolah(Jenjang::Smp) => 45,
            UnitKind::Sekolah(Jenjang::Sma | Jenjang::Smk) => 50,
            UnitKind::Sekolah(Jenjang::Slb) => 14,
        }
    }
}

/// Where an OPD template applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    Both,
    Provinsi,
    KabKota,
}

/// A unit under an OPD: name, kind and the subunits (subbagian/seksi) whose heads are posts.
pub(crate) struct UnitT {
    pub nama: &'static str,
    pub kind: UnitKind,
    pub subs: &'static [&'static str],
}

/// An OPD template: generic name (region appended when built), head's title and units.
pub(crate) struct OpdT {
    pub kind: OpdKind,
    pub scope: Scope,
    pub nama: &'static str,
    pub kepala: &'static str,
    pub units: &'static [UnitT],
}

#[rustfmt::skip]
mod table;

pub(crate) use table::{ASISTEN, OPD};
