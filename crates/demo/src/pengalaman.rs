//! Experiential learning and claims for the Jambi demo (issue 4 §3, §5, §9): special assignments
//! on infrastructure projects of the Dinas PUPR with field experts, rotations between PUPR units,
//! some mentoring pairs, and claims of learning done elsewhere (verified, pending, rejected). The
//! picks are by NIP order and index, so the demo is the same on every run; most employees get
//! nothing, keeping the JP spread realistic.

use crate::PegawaiRecord;

/// One activity to record (and, when `hasil` is set, assess).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KegiatanRecord {
    /// Learner.
    pub nip: String,
    /// Kind code (`penugasan_khusus`, `rotasi`, `mentoring`).
    pub jenis: &'static str,
    /// Project or topic.
    pub judul: String,
    /// Objectives.
    pub tujuan: &'static str,
    /// Mentor who is an employee.
    pub pembimbing_nip: Option<String>,
    /// Field expert from outside.
    pub pembimbing_nama: Option<&'static str>,
    /// Rotation: the new unit code.
    pub unit_tujuan: Option<String>,
    /// Rotation: the new position.
    pub ke_jabatan: Option<&'static str>,
    /// First day.
    pub mulai: &'static str,
    /// Last day.
    pub selesai: &'static str,
    /// Outcome, when assessed.
    pub hasil: Option<&'static str>,
    /// JP credited on assessment.
    pub jp: u32,
}

/// One claim of learning done elsewhere, and its decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KlaimRecord {
    /// Claimant.
    pub nip: String,
    /// Title.
    pub judul: &'static str,
    /// Organiser.
    pub penyelenggara: &'static str,
    /// SIASN jalur id.
    pub jalur: u8,
    /// Day.
    pub tanggal: &'static str,
    /// JP claimed.
    pub jp: u32,
    /// `diverifikasi`, `ditolak` or `diajukan` (pending).
    pub putusan: &'static str,
}

const PROYEK: [(&str, &str); 4] = [
    (
        "Preservasi Jalan Provinsi Ruas Muara Bulian – Muara Tembesi",
        "Tenaga Ahli Jalan, Konsultan Supervisi",
    ),
    (
        "Pembangunan Jembatan Sungai Batanghari",
        "Tenaga Ahli Struktur Jembatan, Konsultan Supervisi",
    ),
    (
        "Rehabilitasi Jaringan Irigasi Batang Asai",
        "Tenaga Ahli Sumber Daya Air, Balai Wilayah Sungai Sumatera VI",
    ),
    (
        "Sistem Penyediaan Air Minum Regional",
        "Tenaga Ahli Teknik Lingkungan, Konsultan Perencana",
    ),
];

const KLAIM: [(&str, &str, u8, &str, u32); 4] = [
    (
        "Seminar Nasional Jalan dan Jembatan",
        "Himpunan Pengembangan Jalan Indonesia",
        9,
        "2025-05-21",
        8,
    ),
    (
        "E-learning Manajemen Aset Daerah",
        "LAN RI (ASN Unggul)",
        16,
        "2025-07-11",
        12,
    ),
    (
        "Webinar Keamanan Siber Pemerintahan",
        "BSSN",
        9,
        "2025-08-19",
        3,
    ),
    (
        "Kursus Daring Analisis Kebijakan Publik",
        "LAN RI (ASN Unggul)",
        16,
        "2025-10-03",
        20,
    ),
];

/// Activities and claims of 2025 for `people`; `pupr_units` are the unit codes under any Dinas
/// PUPR (the loader reads them from the tree), sorted.
pub fn pengalaman_2025(
    people: &[PegawaiRecord],
    pupr_units: &[String],
) -> (Vec<KegiatanRecord>, Vec<KlaimRecord>) {
    let mut sorted: Vec<&PegawaiRecord> = people.iter().collect();
    sorted.sort_by(|a, b| a.nip.cmp(&b.nip));
    let pupr: Vec<&PegawaiRecord> = sorted
        .iter()
        .copied()
        .filter(|p| pupr_units.binary_search(&p.unit).is_ok() && p.jenis_asn == "PNS")
        .collect();
    let mut kegiatan = Vec::new();
    for (i, p) in pupr.iter().enumerate() {
        match i % 5 {
            // Special assignment on a project with a field expert; most assessed, some running.
            0 | 1 => {
                let (proyek, ahli) = PROYEK[(i / 5) % PROYEK.len()];
                let berjalan = i % 10 == 1;
                kegiatan.push(KegiatanRecord {
                    nip: p.nip.clone(),
                    jenis: "penugasan_khusus",
                    judul: proyek.to_string(),
                    tujuan: "pengendalian mutu dan pengawasan pekerjaan konstruksi di lapangan",
                    pembimbing_nip: None,
                    pembimbing_nama: Some(ahli),
                    unit_tujuan: None,
                    ke_jabatan: None,
                    mulai: if berjalan { "2025-09-01" } else { "2025-03-03" },
                    selesai: if berjalan { "2026-02-27" } else { "2025-08-29" },
                    hasil: (!berjalan).then_some(if i % 15 == 0 { "sangat_baik" } else { "baik" }),
                    jp: if i % 15 == 0 { 40 } else { 24 },
                });
            }
            // Rotation to a sibling unit of the same Dinas.
            2 => {
                let parent = p.unit.rsplit_once('.').map_or("", |(a, _)| a);
                if let Some(to) = pupr_units.iter().find(|u| {
                    u.as_str() != p.unit && u.rsplit_once('.').is_some_and(|(a, _)| a == parent)
                }) {
                    kegiatan.push(KegiatanRecord {
                        nip: p.nip.clone(),
                        jenis: "rotasi",
                        judul: "Rotasi jabatan pengembangan karier bidang infrastruktur".into(),
                        tujuan: "memahami siklus perencanaan sampai pemeliharaan infrastruktur",
                        pembimbing_nip: None,
                        pembimbing_nama: None,
                        unit_tujuan: Some(to.clone()),
                        ke_jabatan: Some("Pengawas Lapangan"),
                        mulai: "2025-04-01",
                        selesai: "2025-09-30",
                        hasil: Some("baik"),
                        jp: 20,
                    });
                }
            }
            // Mentoring by a senior colleague of the same Dinas.
            3 if i >= 3 => {
                kegiatan.push(KegiatanRecord {
                    nip: p.nip.clone(),
                    jenis: "mentoring",
                    judul: "Mentoring penyusunan dokumen perencanaan teknis".into(),
                    tujuan: "menyusun DED dan RAB secara mandiri",
                    pembimbing_nip: Some(pupr[i - 3].nip.clone()),
                    pembimbing_nama: None,
                    unit_tujuan: None,
                    ke_jabatan: None,
                    mulai: "2025-02-03",
                    selesai: "2025-06-30",
                    hasil: Some(if i % 4 == 3 {
                        "cukup"
                    } else {
                        "tidak_tercapai"
                    }),
                    jp: 10,
                });
            }
            _ => {}
        }
    }
    // Claims from across the province: one employee in 23.
    let klaim = sorted
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 23 == 5)
        .map(|(i, p)| {
            let (judul, penyelenggara, jalur, tanggal, jp) = KLAIM[i % KLAIM.len()];
            KlaimRecord {
                nip: p.nip.clone(),
                judul,
                penyelenggara,
                jalur,
                tanggal,
                jp,
                putusan: match i % 5 {
                    0..=2 => "diverifikasi",
                    3 => "diajukan",
                    _ => "ditolak",
                },
            }
        })
        .collect();
    (kegiatan, klaim)
}
