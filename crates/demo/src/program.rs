//! Demo development programs of 2025 and who completed them, shaped so that the JP ledger tells a
//! plausible story: about half of the PNS reach 20 JP, leaders attend leadership training, and the
//! front-line staff of the Disdukcapil of [`crate::skm::KOTA_PELATIHAN_TIK_2025`] take the ICT
//! bimtek in June 2025 (the training whose effect the SKM and service-time data show).

use crate::PegawaiRecord;
use crate::rng::Rng;

/// A program as the loader needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramRecord {
    /// Stable code.
    pub kode: &'static str,
    /// Name.
    pub nama: &'static str,
    /// SIASN jenis diklat id (REFERENCE §3.3).
    pub jalur: u8,
    /// Organiser.
    pub penyelenggara: &'static str,
    /// JP on completion.
    pub jp: u32,
    /// Cost per participant, rupiah.
    pub biaya: i64,
    /// First day, `YYYY-MM-DD`.
    pub mulai: &'static str,
    /// Last day, `YYYY-MM-DD`.
    pub selesai: &'static str,
}

/// The code of the ICT bimtek for Disdukcapil front-line staff.
pub const BIMTEK_TIK: &str = "2025-BIMTEK-TIK-DUKCAPIL";

/// The 2025 catalogue.
pub fn programs_2025() -> Vec<ProgramRecord> {
    let p = |kode, nama, jalur, penyelenggara, jp, biaya, mulai, selesai| ProgramRecord {
        kode,
        nama,
        jalur,
        penyelenggara,
        jp,
        biaya,
        mulai,
        selesai,
    };
    vec![
        p(
            BIMTEK_TIK,
            "Bimtek Pelayanan Administrasi Kependudukan Berbasis TIK",
            8,
            "BPSDM Provinsi Jambi",
            24,
            2_750_000,
            "2025-06-10",
            "2025-06-13",
        ),
        p(
            "2025-PKA-01",
            "Pelatihan Kepemimpinan Administrator Angkatan I",
            1,
            "BPSDM Provinsi Jambi",
            60,
            18_500_000,
            "2025-03-03",
            "2025-07-25",
        ),
        p(
            "2025-PKP-01",
            "Pelatihan Kepemimpinan Pengawas Angkatan I",
            1,
            "BPSDM Provinsi Jambi",
            40,
            12_000_000,
            "2025-04-14",
            "2025-08-01",
        ),
        p(
            "2025-LATSAR-01",
            "Pelatihan Dasar CPNS Golongan III",
            13,
            "BPSDM Provinsi Jambi",
            60,
            9_500_000,
            "2025-05-05",
            "2025-09-26",
        ),
        p(
            "2025-TEKNIS-SIPD",
            "Pelatihan Teknis Penatausahaan Keuangan SIPD",
            3,
            "BPSDM Provinsi Jambi",
            32,
            4_200_000,
            "2025-08-04",
            "2025-08-08",
        ),
        p(
            "2025-BIMTEK-PBJ",
            "Bimtek Pengadaan Barang/Jasa Pemerintah",
            8,
            "LKPP (mitra)",
            24,
            3_900_000,
            "2025-09-15",
            "2025-09-18",
        ),
        p(
            "2025-ELEARN-ASN",
            "E-Learning Literasi Digital ASN",
            16,
            "LAN (ASN Unggul)",
            12,
            0,
            "2025-02-01",
            "2025-11-30",
        ),
        p(
            "2025-ELEARN-PELAYANAN",
            "E-Learning Pelayanan Publik Prima",
            16,
            "BPSDM Provinsi Jambi",
            8,
            0,
            "2025-02-01",
            "2025-11-30",
        ),
        p(
            "2025-SEMINAR-SPBE",
            "Seminar Transformasi Digital Pemerintah Daerah (SPBE)",
            9,
            "Diskominfo Provinsi Jambi",
            4,
            350_000,
            "2025-10-21",
            "2025-10-21",
        ),
        p(
            "2025-COACHING-KINERJA",
            "Coaching Kinerja oleh Atasan Langsung",
            14,
            "Masing-masing OPD",
            10,
            0,
            "2025-01-06",
            "2025-12-19",
        ),
        p(
            "2025-MENTORING-FUNGSIONAL",
            "Mentoring Jabatan Fungsional oleh Pejabat Fungsional Senior",
            15,
            "Masing-masing OPD",
            10,
            0,
            "2025-01-06",
            "2025-12-19",
        ),
    ]
}

/// One completed (or failed) participation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PesertaRecord {
    /// Program code.
    pub program: &'static str,
    /// Employee NIP.
    pub nip: String,
    /// `selesai` or `tidak_selesai`.
    pub status: &'static str,
    /// JP credited (0 when not completed).
    pub jp: u32,
    /// Completion date, `YYYY-MM-DD`.
    pub tanggal_selesai: &'static str,
}

/// OPD codes of the trained Disdukcapil (parents of their service units).
fn trained_opds() -> Vec<String> {
    let mut v: Vec<String> = crate::skm::unit_pelatihan_tik_2025()
        .into_iter()
        .filter_map(|u| u.rsplit_once('.').map(|(p, _)| p.to_string()))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// The 2025 participations of these employees (deterministic for the seed).
pub fn peserta_2025<'a>(
    pegawai: impl IntoIterator<Item = &'a PegawaiRecord>,
    seed: u64,
) -> Vec<PesertaRecord> {
    let catalogue = programs_2025();
    let by = |kode: &str| catalogue.iter().find(|p| p.kode == kode).cloned();
    let trained = trained_opds();
    let mut rng = Rng::new(seed, 7_700);
    let mut out = Vec::new();
    let mut add = |rng: &mut Rng, p: Option<ProgramRecord>, nip: &str| {
        let Some(p) = p else { return };
        let ok = rng.chance(94);
        out.push(PesertaRecord {
            program: p.kode,
            nip: nip.to_string(),
            status: if ok { "selesai" } else { "tidak_selesai" },
            jp: if ok { p.jp } else { 0 },
            tanggal_selesai: p.selesai,
        });
    };
    for e in pegawai {
        if e.status != "aktif" {
            continue;
        }
        let nip = e.nip.as_str();
        if trained.iter().any(|o| e.unit.starts_with(&format!("{o}.")))
            && e.jenis_jabatan != "jpt_pratama"
        {
            add(&mut rng, by(BIMTEK_TIK), nip);
        }
        match e.jenis_jabatan {
            "administrator" if rng.chance(18) => add(&mut rng, by("2025-PKA-01"), nip),
            "pengawas" if rng.chance(20) => add(&mut rng, by("2025-PKP-01"), nip),
            _ => {}
        }
        if e.jenis_asn == "PNS" && e.nip.get(8..12).is_some_and(|y| y >= "2024") {
            add(&mut rng, by("2025-LATSAR-01"), nip);
        }
        if rng.chance(55) {
            add(&mut rng, by("2025-ELEARN-ASN"), nip);
        }
        if rng.chance(30) {
            add(&mut rng, by("2025-ELEARN-PELAYANAN"), nip);
        }
        if rng.chance(12) {
            let kode = if rng.chance(50) {
                "2025-TEKNIS-SIPD"
            } else {
                "2025-BIMTEK-PBJ"
            };
            add(&mut rng, by(kode), nip);
        }
        if rng.chance(20) {
            add(&mut rng, by("2025-SEMINAR-SPBE"), nip);
        }
        if rng.chance(25) {
            add(
                &mut rng,
                by(if e.jenis_jabatan == "fungsional" {
                    "2025-MENTORING-FUNGSIONAL"
                } else {
                    "2025-COACHING-KINERJA"
                }),
                nip,
            );
        }
    }
    out
}

/// One class session of a demo program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SesiRecord {
    /// Program code.
    pub program: &'static str,
    /// Day, `YYYY-MM-DD`.
    pub tanggal: &'static str,
    /// Start, HH:MM (WIB).
    pub jam_mulai: &'static str,
    /// End, HH:MM (WIB).
    pub jam_selesai: &'static str,
    /// Venue.
    pub tempat: &'static str,
    /// Trainer.
    pub pengajar: &'static str,
}

/// The sessions of the ICT bimtek: four days at BPSDM. Its participants go through the whole
/// workflow in the demo (nomination, approval, attendance, scores, completion).
pub fn sesi_2025() -> Vec<SesiRecord> {
    let hari = ["2025-06-10", "2025-06-11", "2025-06-12", "2025-06-13"];
    hari.into_iter()
        .map(|tanggal| SesiRecord {
            program: BIMTEK_TIK,
            tanggal,
            jam_mulai: "08:00",
            jam_selesai: "15:30",
            tempat: "Aula BPSDM Provinsi Jambi, Kota Jambi",
            pengajar: "Widyaiswara BPSDM dan Tim Dukcapil Kemendagri",
        })
        .collect()
}

/// Pre- and post-test of one participant (deterministic per NIP and seed): pre 45–70, post 15–30
/// points higher (at most 100), so the program shows a learning gain and every post-test passes
/// the default minimum of 60 (the demo's non-completers fail on attendance).
pub fn nilai_tes(nip: &str, seed: u64) -> (u8, u8) {
    let h = nip
        .bytes()
        .fold(0u64, |a, b| a.wrapping_mul(131).wrapping_add(u64::from(b)));
    let mut rng = Rng::new(seed ^ h, 7_701);
    let pre = rng.range(45, 70);
    let post = (pre + rng.range(15, 30)).min(100);
    (
        u8::try_from(pre).unwrap_or(50),
        u8::try_from(post).unwrap_or(75),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn participations_are_deterministic_and_refer_to_the_catalogue() {
        let people: Vec<PegawaiRecord> = crate::pegawai(3000, 2026).collect();
        let a = peserta_2025(&people, 1);
        assert_eq!(a, peserta_2025(&people, 1));
        let codes: Vec<&str> = programs_2025().iter().map(|p| p.kode).collect();
        assert!(a.iter().all(|p| codes.contains(&p.program)));
        assert!(a.iter().all(|p| (p.status == "selesai") == (p.jp > 0)));
        // No one takes the same program twice.
        let mut keys: Vec<(&str, &str)> = a.iter().map(|p| (p.program, p.nip.as_str())).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(n, keys.len());
    }

    #[test]
    fn sessions_lie_within_their_program_and_scores_show_a_gain() {
        let tik = programs_2025()
            .into_iter()
            .find(|p| p.kode == BIMTEK_TIK)
            .unwrap();
        let sesi = sesi_2025();
        assert_eq!(sesi.len(), 4);
        assert!(
            sesi.iter()
                .all(|s| s.tanggal >= tik.mulai && s.tanggal <= tik.selesai)
        );
        for nip in ["198001012005011001", "199505052020122002"] {
            let (pre, post) = nilai_tes(nip, 1);
            assert!((45..=70).contains(&pre) && post >= 60 && post > pre && post <= 100);
            assert_eq!(nilai_tes(nip, 1), (pre, post));
        }
    }
}
