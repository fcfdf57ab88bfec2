//! The staff tables: which non-structural positions exist in which kind of unit, with their
//! levels, relative frequency, share of women (%), field of study and PPPK eligibility. Kept as
//! one-line rows (formatting is skipped) so the tables read like a spreadsheet.

use super::{Field, Level, Staf};
use Field::*;
use Level::*;

const AHLI: &[(Level, u32)] = &[(AhliPertama, 40), (AhliMuda, 38), (AhliMadya, 22)];
const AHLI_MUDA: &[(Level, u32)] = &[(AhliPertama, 45), (AhliMuda, 55)];
const TERAMPIL: &[(Level, u32)] = &[(Terampil, 50), (Mahir, 30), (Penyelia, 20)];
const CAMPUR: &[(Level, u32)] = &[(Terampil, 25), (Mahir, 12), (AhliPertama, 38), (AhliMuda, 25)];
const GURU: &[(Level, u32)] = &[(AhliPertama, 36), (AhliMuda, 32), (AhliMadya, 32)];
const NAKES: &[(Level, u32)] = &[(Terampil, 35), (Mahir, 20), (Penyelia, 10), (AhliPertama, 25), (AhliMuda, 10)];
const DOKTER: &[(Level, u32)] = &[(AhliPertama, 40), (AhliMuda, 40), (AhliMadya, 20)];
const WI: &[(Level, u32)] = &[(AhliPertama, 15), (AhliMuda, 35), (AhliMadya, 40), (AhliUtama, 10)];
const PENEGAK: &[(Level, u32)] = &[(Pemula, 15), (Terampil, 40), (Mahir, 20), (Penyelia, 10), (AhliPertama, 15)];
const DAMKAR: &[(Level, u32)] = &[(Pemula, 30), (Terampil, 45), (Mahir, 25)];
const PENGAWAS_SEKOLAH: &[(Level, u32)] = &[(AhliMuda, 40), (AhliMadya, 60)];
const PELAKSANA: &[(Level, u32)] = &[];

const fn s(nama: &'static str, levels: &'static [(Level, u32)], w: u32, female: u32, field: Field, pppk: bool) -> Staf {
    Staf { nama, levels, w, female, field, pppk }
}

/// Found in every office (mostly in the secretariats).
pub(super) const UMUM: &[Staf] = &[
    s("Analis SDM Aparatur", AHLI, 7, 55, Pemerintahan, false),
    s("Perencana", AHLI, 6, 50, Pemerintahan, false),
    s("Arsiparis", CAMPUR, 5, 62, Pemerintahan, false),
    s("Pranata Komputer", CAMPUR, 6, 35, Komputer, true),
    s("Analis Keuangan Pusat dan Daerah", AHLI, 7, 58, Keuangan, false),
    s("Pengelola Pengadaan Barang dan Jasa", AHLI_MUDA, 3, 40, Pemerintahan, false),
    s("Pengadministrasi Perkantoran", PELAKSANA, 22, 55, Pemerintahan, true),
    s("Pengadministrasi Umum", PELAKSANA, 14, 50, Pemerintahan, false),
    s("Penata Layanan Operasional", PELAKSANA, 14, 52, Pemerintahan, false),
    s("Operator Layanan Operasional", PELAKSANA, 14, 30, Pemerintahan, true),
    s("Pengelola Umum Operasional", PELAKSANA, 6, 30, Pemerintahan, true),
];

pub(super) const SETDA: &[Staf] = &[
    s("Analis Kebijakan", AHLI, 12, 50, Pemerintahan, false),
    s("Perancang Peraturan Perundang-undangan", AHLI, 4, 50, Hukum, false),
    s("Analis Hukum", AHLI_MUDA, 5, 50, Hukum, false),
    s("Pranata Hubungan Masyarakat", CAMPUR, 4, 55, Pemerintahan, false),
    s("Pengelola Pengadaan Barang dan Jasa", AHLI, 4, 40, Pemerintahan, false),
    s("Penata Layanan Operasional", PELAKSANA, 10, 50, Pemerintahan, false),
];
pub(super) const SETWAN: &[Staf] = &[
    s("Analis Kebijakan", AHLI, 8, 50, Pemerintahan, false),
    s("Analis Hukum", AHLI_MUDA, 5, 50, Hukum, false),
    s("Pranata Hubungan Masyarakat", CAMPUR, 4, 55, Pemerintahan, false),
    s("Pengadministrasi Perkantoran", PELAKSANA, 10, 55, Pemerintahan, true),
];
pub(super) const INSPEKTORAT: &[Staf] = &[
    s("Auditor", AHLI, 14, 50, Keuangan, false),
    s("Auditor", TERAMPIL, 3, 50, Keuangan, false),
    s("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", AHLI, 10, 45, Pemerintahan, false),
];
pub(super) const BAPPEDA: &[Staf] = &[
    s("Perencana", AHLI, 16, 50, Pemerintahan, false),
    s("Peneliti", AHLI_MUDA, 3, 50, Pemerintahan, false),
    s("Statistisi", CAMPUR, 3, 50, Statistik, false),
    s("Analis Kebijakan", AHLI, 3, 50, Pemerintahan, false),
];
pub(super) const BKD: &[Staf] = &[
    s("Analis SDM Aparatur", AHLI, 16, 55, Pemerintahan, false),
    s("Pranata SDM Aparatur", TERAMPIL, 8, 60, Pemerintahan, false),
    s("Asesor SDM Aparatur", AHLI_MUDA, 3, 50, Pemerintahan, false),
    s("Pranata Komputer", CAMPUR, 3, 35, Komputer, true),
];
pub(super) const BPKAD: &[Staf] = &[
    s("Analis Keuangan Pusat dan Daerah", AHLI, 16, 58, Keuangan, false),
    s("Pengelola Barang Milik Daerah", PELAKSANA, 6, 45, Keuangan, false),
    s("Bendahara", PELAKSANA, 4, 65, Keuangan, false),
];
pub(super) const BAPENDA: &[Staf] = &[
    s("Pengelola Pajak dan Retribusi Daerah", PELAKSANA, 12, 45, Keuangan, false),
    s("Pranata Komputer", CAMPUR, 3, 35, Komputer, true),
    s("Penata Layanan Operasional", PELAKSANA, 8, 50, Pemerintahan, false),
];
pub(super) const DUKCAPIL: &[Staf] = &[
    s("Administrator Database Kependudukan", CAMPUR, 10, 50, Komputer, false),
    s("Administrator Kependudukan", AHLI_MUDA, 4, 55, Pemerintahan, false),
    s("Pranata Komputer", CAMPUR, 4, 35, Komputer, true),
    s("Operator Layanan Operasional", PELAKSANA, 14, 55, Pemerintahan, true),
    s("Penata Layanan Operasional", PELAKSANA, 8, 60, Pemerintahan, false),
];
pub(super) const DINKES: &[Staf] = &[
    s("Administrator Kesehatan", AHLI, 10, 60, Kesmas, false),
    s("Epidemiolog Kesehatan", AHLI_MUDA, 4, 60, Kesmas, false),
    s("Penyuluh Kesehatan Masyarakat", AHLI, 4, 65, Kesmas, false),
    s("Apoteker", AHLI_MUDA, 3, 75, Apoteker, false),
    s("Tenaga Sanitasi Lingkungan", NAKES, 3, 55, Kesmas, false),
    s("Entomolog Kesehatan", AHLI_MUDA, 1, 55, Kesmas, false),
];
pub(super) const PUSKESMAS: &[Staf] = &[
    s("Dokter", DOKTER, 8, 62, Dokter, true),
    s("Dokter Gigi", DOKTER, 3, 75, DokterGigi, false),
    s("Perawat", NAKES, 26, 70, Perawat, true),
    s("Bidan", NAKES, 20, 100, Bidan, true),
    s("Apoteker", AHLI_MUDA, 2, 78, Apoteker, false),
    s("Asisten Apoteker", TERAMPIL, 3, 80, Farmasi, true),
    s("Tenaga Sanitasi Lingkungan", NAKES, 3, 55, Kesmas, true),
    s("Nutrisionis", NAKES, 3, 85, Gizi, true),
    s("Pranata Laboratorium Kesehatan", NAKES, 3, 70, Laboratorium, true),
    s("Penyuluh Kesehatan Masyarakat", AHLI_MUDA, 2, 70, Kesmas, false),
    s("Epidemiolog Kesehatan", AHLI_MUDA, 1, 60, Kesmas, false),
    s("Perekam Medis", TERAMPIL, 2, 70, Kesmas, true),
    s("Pengadministrasi Perkantoran", PELAKSANA, 4, 55, Pemerintahan, true),
    s("Operator Layanan Operasional", PELAKSANA, 2, 20, Pemerintahan, true),
];
pub(super) const RUMAH_SAKIT: &[Staf] = &[
    s("Dokter", DOKTER, 12, 50, Dokter, true),
    s("Perawat", NAKES, 40, 68, Perawat, true),
    s("Bidan", NAKES, 8, 100, Bidan, true),
    s("Apoteker", AHLI_MUDA, 3, 78, Apoteker, false),
    s("Asisten Apoteker", TERAMPIL, 4, 80, Farmasi, true),
    s("Radiografer", NAKES, 3, 45, Kesmas, true),
    s("Fisioterapis", NAKES, 2, 60, Kesmas, true),
    s("Pranata Laboratorium Kesehatan", NAKES, 4, 70, Laboratorium, true),
    s("Perekam Medis", TERAMPIL, 3, 70, Kesmas, true),
    s("Nutrisionis", NAKES, 2, 85, Gizi, true),
    s("Operator Layanan Operasional", PELAKSANA, 4, 35, Pemerintahan, true),
];
pub(super) const DISDIK: &[Staf] = &[
    s("Pengawas Sekolah", PENGAWAS_SEKOLAH, 8, 45, Guru, false),
    s("Penilik", AHLI_MUDA, 3, 50, Guru, false),
    s("Pamong Belajar", AHLI_MUDA, 2, 55, Guru, false),
    s("Analis SDM Aparatur", AHLI, 3, 55, Pemerintahan, false),
];
pub(super) const SEKOLAH: &[Staf] = &[
    s("Guru", GURU, 84, 68, Guru, true),
    s("Pustakawan", TERAMPIL, 2, 75, Pemerintahan, false),
    s("Pranata Laboratorium Pendidikan", TERAMPIL, 2, 55, Laboratorium, false),
    s("Pengadministrasi Perkantoran", PELAKSANA, 7, 55, Pemerintahan, true),
    s("Operator Layanan Operasional", PELAKSANA, 5, 25, Pemerintahan, true),
];
pub(super) const DPMPTSP: &[Staf] = &[
    s("Analis Kebijakan", AHLI, 5, 50, Pemerintahan, false),
    s("Pranata Komputer", CAMPUR, 3, 35, Komputer, true),
    s("Penata Layanan Operasional", PELAKSANA, 10, 60, Pemerintahan, false),
    s("Operator Layanan Operasional", PELAKSANA, 6, 50, Pemerintahan, true),
];
pub(super) const PUPR: &[Staf] = &[
    s("Teknik Jalan dan Jembatan", CAMPUR, 10, 22, Teknik, true),
    s("Teknik Pengairan", CAMPUR, 6, 22, Teknik, false),
    s("Teknik Tata Bangunan dan Perumahan", CAMPUR, 5, 30, Teknik, false),
    s("Penata Ruang", AHLI_MUDA, 3, 35, Teknik, false),
    s("Operator Layanan Operasional", PELAKSANA, 5, 10, Pemerintahan, true),
];
pub(super) const KOMINFO: &[Staf] = &[
    s("Pranata Komputer", CAMPUR, 12, 35, Komputer, true),
    s("Pranata Hubungan Masyarakat", CAMPUR, 5, 55, Pemerintahan, false),
    s("Statistisi", CAMPUR, 4, 50, Statistik, false),
    s("Sandiman", CAMPUR, 3, 30, Komputer, false),
];
pub(super) const DINSOS: &[Staf] = &[
    s("Pekerja Sosial", CAMPUR, 10, 60, Sosial, true),
    s("Penyuluh Sosial", CAMPUR, 5, 55, Sosial, false),
    s("Penata Layanan Operasional", PELAKSANA, 5, 55, Pemerintahan, false),
];
pub(super) const DISHUB: &[Staf] = &[
    s("Penguji Kendaraan Bermotor", PENEGAK, 8, 12, Teknik, false),
    s("Operator Layanan Operasional", PELAKSANA, 10, 15, Pemerintahan, true),
];
pub(super) const SATPOL: &[Staf] = &[
    s("Polisi Pamong Praja", PENEGAK, 20, 20, Hukum, false),
    s("Pemadam Kebakaran", DAMKAR, 8, 5, Teknik, true),
    s("Operator Layanan Operasional", PELAKSANA, 6, 15, Pemerintahan, true),
];
pub(super) const BPSDM: &[Staf] = &[
    s("Widyaiswara", WI, 12, 45, Pemerintahan, false),
    s("Pengembang Teknologi Pembelajaran", AHLI_MUDA, 3, 50, Komputer, false),
    s("Analis SDM Aparatur", AHLI, 4, 55, Pemerintahan, false),
    s("Pranata Komputer", CAMPUR, 2, 35, Komputer, true),
];
pub(super) const RSUD_KANTOR: &[Staf] = &[
    s("Administrator Kesehatan", AHLI, 6, 60, Kesmas, false),
    s("Perekam Medis", TERAMPIL, 4, 70, Kesmas, true),
    s("Perawat", NAKES, 4, 70, Perawat, true),
];
