//! The OPD templates, one unit per line (formatting is skipped so the table stays readable):
//! the typical SOTK of a Jambi pemda. Names contain no commas, so rows need no CSV quoting.

use super::{OpdKind, OpdT, Scope, UnitKind, UnitT};
use UnitKind::{Bagian, Bidang, Biro, Instalasi, Irban, Loket, Sekretariat, UptdLayanan};

const fn u(nama: &'static str, kind: UnitKind) -> UnitT {
    UnitT { nama, kind, subs: &[] }
}

const fn us(nama: &'static str, kind: UnitKind, subs: &'static [&'static str]) -> UnitT {
    UnitT { nama, kind, subs }
}

const SUBBAG: &[&str] = &["Subbagian Umum dan Kepegawaian", "Subbagian Keuangan dan Aset"];
const SEKRETARIAT: UnitT = us("Sekretariat", Sekretariat, SUBBAG);

/// All OPD templates, in the order their codes are assigned.
pub(crate) const OPD: &[OpdT] = &[
    OpdT { kind: OpdKind::Setda, scope: Scope::Provinsi, nama: "Sekretariat Daerah", kepala: "Sekretaris Daerah", units: &[
        us("Biro Pemerintahan dan Otonomi Daerah", Biro, &["Bagian Pemerintahan Umum", "Bagian Otonomi Daerah"]),
        us("Biro Hukum", Biro, &["Bagian Perundang-undangan", "Bagian Bantuan Hukum"]),
        us("Biro Organisasi", Biro, &["Bagian Kelembagaan dan Analisis Jabatan", "Bagian Reformasi Birokrasi"]),
        us("Biro Perekonomian", Biro, &["Bagian Perekonomian"]),
        us("Biro Kesejahteraan Rakyat", Biro, &["Bagian Bina Mental dan Spiritual"]),
        us("Biro Pengadaan Barang dan Jasa", Biro, &["Bagian Pengelolaan Layanan Pengadaan"]),
        us("Biro Umum", Biro, &["Bagian Tata Usaha Pimpinan", "Bagian Rumah Tangga"]),
        us("Biro Administrasi Pimpinan", Biro, &["Bagian Protokol", "Bagian Komunikasi Pimpinan"]),
    ]},
    OpdT { kind: OpdKind::Setda, scope: Scope::KabKota, nama: "Sekretariat Daerah", kepala: "Sekretaris Daerah", units: &[
        u("Bagian Pemerintahan", Bagian),
        us("Bagian Hukum", Bagian, &["Subbagian Peraturan Perundang-undangan", "Subbagian Bantuan Hukum"]),
        us("Bagian Organisasi", Bagian, &["Subbagian Kelembagaan dan Analisis Jabatan"]),
        us("Bagian Umum", Bagian, &["Subbagian Tata Usaha Pimpinan", "Subbagian Rumah Tangga"]),
        u("Bagian Perekonomian dan Sumber Daya Alam", Bagian),
        u("Bagian Kesejahteraan Rakyat", Bagian),
    ]},
    OpdT { kind: OpdKind::Setwan, scope: Scope::Both, nama: "Sekretariat DPRD", kepala: "Sekretaris DPRD", units: &[
        us("Bagian Umum dan Keuangan", Bagian, &["Subbagian Tata Usaha dan Kepegawaian", "Subbagian Keuangan"]),
        u("Bagian Persidangan dan Perundang-undangan", Bagian),
        u("Bagian Fasilitasi Penganggaran dan Pengawasan", Bagian),
    ]},
    OpdT { kind: OpdKind::Inspektorat, scope: Scope::Both, nama: "Inspektorat", kepala: "Inspektur", units: &[
        SEKRETARIAT,
        u("Inspektur Pembantu Wilayah I", Irban),
        u("Inspektur Pembantu Wilayah II", Irban),
        u("Inspektur Pembantu Wilayah III", Irban),
    ]},
    OpdT { kind: OpdKind::Bappeda, scope: Scope::Both, nama: "Badan Perencanaan Pembangunan Daerah", kepala: "Kepala Badan Perencanaan Pembangunan Daerah", units: &[
        SEKRETARIAT,
        u("Bidang Pemerintahan dan Pembangunan Manusia", Bidang),
        u("Bidang Perekonomian dan Sumber Daya Alam", Bidang),
        u("Bidang Infrastruktur dan Kewilayahan", Bidang),
    ]},
    OpdT { kind: OpdKind::Bkd, scope: Scope::Provinsi, nama: "Badan Kepegawaian Daerah", kepala: "Kepala Badan Kepegawaian Daerah", units: &[
        SEKRETARIAT,
        us("Bidang Pengadaan dan Informasi Kepegawaian", Bidang, &["Subbidang Data dan Sistem Informasi Kepegawaian"]),
        u("Bidang Mutasi dan Promosi", Bidang),
        u("Bidang Penilaian Kinerja Aparatur dan Penghargaan", Bidang),
        u("Loket Layanan Kepegawaian", Loket),
    ]},
    OpdT { kind: OpdKind::Bkd, scope: Scope::KabKota, nama: "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", kepala: "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", units: &[
        SEKRETARIAT,
        u("Bidang Pengadaan Pemberhentian dan Informasi", Bidang),
        u("Bidang Mutasi dan Promosi", Bidang),
        us("Bidang Pengembangan Kompetensi Aparatur", Bidang, &["Subbidang Pendidikan dan Pelatihan"]),
        u("Loket Layanan Kepegawaian", Loket),
    ]},
    OpdT { kind: OpdKind::Bpkad, scope: Scope::Both, nama: "Badan Pengelolaan Keuangan dan Aset Daerah", kepala: "Kepala Badan Pengelolaan Keuangan dan Aset Daerah", units: &[
        SEKRETARIAT,
        us("Bidang Anggaran", Bidang, &["Subbidang Anggaran Belanja"]),
        u("Bidang Perbendaharaan", Bidang),
        u("Bidang Akuntansi dan Pelaporan", Bidang),
        u("Bidang Pengelolaan Barang Milik Daerah", Bidang),
    ]},
    OpdT { kind: OpdKind::Bapenda, scope: Scope::Provinsi, nama: "Badan Pendapatan Daerah", kepala: "Kepala Badan Pendapatan Daerah", units: &[
        SEKRETARIAT,
        u("Bidang Pajak Daerah", Bidang),
        u("Bidang Retribusi dan Pendapatan Lain", Bidang),
        // UPTD Samsat per kabupaten/kota are added when the tree is built.
    ]},
    OpdT { kind: OpdKind::Dukcapil, scope: Scope::KabKota, nama: "Dinas Kependudukan dan Pencatatan Sipil", kepala: "Kepala Dinas Kependudukan dan Pencatatan Sipil", units: &[
        SEKRETARIAT,
        us("Bidang Pelayanan Pendaftaran Penduduk", Bidang, &["Seksi Identitas Penduduk", "Seksi Pindah Datang Penduduk"]),
        us("Bidang Pelayanan Pencatatan Sipil", Bidang, &["Seksi Kelahiran dan Kematian", "Seksi Perkawinan dan Perceraian"]),
        u("Bidang Pengelolaan Informasi Administrasi Kependudukan", Bidang),
        // REFERENCE §6: KTP-el, KK, akta kelahiran/kematian/perkawinan, pindah; call centre.
        u("Loket Pelayanan KTP-el", Loket),
        u("Loket Kartu Keluarga dan KIA", Loket),
        u("Loket Akta Kelahiran", Loket),
        u("Loket Akta Kematian dan Perkawinan", Loket),
        u("Loket Pindah Datang", Loket),
        u("Gerai Dukcapil Mal Pelayanan Publik", Loket),
        u("Layanan Pengaduan dan Call Center", Loket),
    ]},
    OpdT { kind: OpdKind::Dinkes, scope: Scope::Both, nama: "Dinas Kesehatan", kepala: "Kepala Dinas Kesehatan", units: &[
        SEKRETARIAT,
        u("Bidang Kesehatan Masyarakat", Bidang),
        us("Bidang Pencegahan dan Pengendalian Penyakit", Bidang, &["Seksi Surveilans dan Imunisasi"]),
        u("Bidang Pelayanan dan Sumber Daya Kesehatan", Bidang),
        u("UPTD Laboratorium Kesehatan Daerah", UptdLayanan),
        // Puskesmas (kabupaten/kota) are added when the tree is built.
    ]},
    OpdT { kind: OpdKind::Disdik, scope: Scope::Provinsi, nama: "Dinas Pendidikan", kepala: "Kepala Dinas Pendidikan", units: &[
        SEKRETARIAT,
        u("Bidang Pembinaan SMA", Bidang),
        u("Bidang Pembinaan SMK", Bidang),
        u("Bidang Pendidikan Khusus", Bidang),
        u("Bidang Guru dan Tenaga Kependidikan", Bidang),
        u("Cabang Dinas Pendidikan Wilayah I", Bidang),
        u("Cabang Dinas Pendidikan Wilayah II", Bidang),
        u("Cabang Dinas Pendidikan Wilayah III", Bidang),
        // SMA, SMK and SLB are added when the tree is built.
    ]},
    OpdT { kind: OpdKind::Disdik, scope: Scope::KabKota, nama: "Dinas Pendidikan", kepala: "Kepala Dinas Pendidikan", units: &[
        SEKRETARIAT,
        u("Bidang Pembinaan Sekolah Dasar", Bidang),
        u("Bidang Pembinaan Sekolah Menengah Pertama", Bidang),
        u("Bidang Guru dan Tenaga Kependidikan", Bidang),
        // SD and SMP are added when the tree is built.
    ]},
    OpdT { kind: OpdKind::Dpmptsp, scope: Scope::Both, nama: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", kepala: "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", units: &[
        SEKRETARIAT,
        u("Bidang Penanaman Modal", Bidang),
        us("Bidang Pelayanan Perizinan", Bidang, &["Seksi Perizinan Berusaha"]),
        u("Mal Pelayanan Publik", Loket),
        u("Loket Perizinan Berusaha", Loket),
    ]},
    OpdT { kind: OpdKind::Pupr, scope: Scope::Both, nama: "Dinas Pekerjaan Umum dan Penataan Ruang", kepala: "Kepala Dinas Pekerjaan Umum dan Penataan Ruang", units: &[
        SEKRETARIAT,
        us("Bidang Bina Marga", Bidang, &["Seksi Pembangunan Jalan dan Jembatan", "Seksi Preservasi Jalan dan Jembatan"]),
        u("Bidang Sumber Daya Air", Bidang),
        u("Bidang Cipta Karya", Bidang),
        u("Bidang Penataan Ruang", Bidang),
    ]},
    OpdT { kind: OpdKind::Kominfo, scope: Scope::Both, nama: "Dinas Komunikasi dan Informatika", kepala: "Kepala Dinas Komunikasi dan Informatika", units: &[
        SEKRETARIAT,
        u("Bidang Informasi dan Komunikasi Publik", Bidang),
        us("Bidang Aplikasi Informatika", Bidang, &["Seksi Infrastruktur dan Teknologi"]),
        u("Layanan Pengaduan SP4N-LAPOR", Loket),
    ]},
    OpdT { kind: OpdKind::Dinsos, scope: Scope::Both, nama: "Dinas Sosial", kepala: "Kepala Dinas Sosial", units: &[
        SEKRETARIAT,
        u("Bidang Perlindungan dan Jaminan Sosial", Bidang),
        u("Bidang Rehabilitasi Sosial", Bidang),
        u("Loket Layanan Terpadu Kesejahteraan Sosial", Loket),
    ]},
    OpdT { kind: OpdKind::Dishub, scope: Scope::Both, nama: "Dinas Perhubungan", kepala: "Kepala Dinas Perhubungan", units: &[
        SEKRETARIAT,
        us("Bidang Lalu Lintas dan Angkutan", Bidang, &["Seksi Manajemen dan Rekayasa Lalu Lintas"]),
        u("Bidang Sarana dan Prasarana", Bidang),
        u("UPTD Pengujian Kendaraan Bermotor", UptdLayanan),
    ]},
    OpdT { kind: OpdKind::Satpol, scope: Scope::Both, nama: "Satuan Polisi Pamong Praja", kepala: "Kepala Satuan Polisi Pamong Praja", units: &[
        SEKRETARIAT,
        u("Bidang Penegakan Peraturan Daerah", Bidang),
        u("Bidang Ketertiban Umum dan Ketenteraman Masyarakat", Bidang),
        u("Bidang Pemadam Kebakaran dan Penyelamatan", Bidang),
    ]},
    OpdT { kind: OpdKind::Bpsdm, scope: Scope::Provinsi, nama: "Badan Pengembangan Sumber Daya Manusia", kepala: "Kepala Badan Pengembangan Sumber Daya Manusia", units: &[
        SEKRETARIAT,
        u("Bidang Pengembangan Kompetensi Manajerial dan Fungsional", Bidang),
        u("Bidang Pengembangan Kompetensi Teknis", Bidang),
        u("Bidang Pengembangan Kompetensi Pemerintahan", Bidang),
        us("Bidang Sertifikasi Kompetensi dan Pengelolaan Kelembagaan", Bidang, &["Subbidang Penjaminan Mutu"]),
    ]},
    OpdT { kind: OpdKind::Rsud, scope: Scope::Both, nama: "", kepala: "Direktur", units: &[
        us("Bagian Tata Usaha", Bagian, &["Subbagian Umum dan Kepegawaian", "Subbagian Keuangan"]),
        u("Bidang Pelayanan Medik", Bidang),
        u("Bidang Keperawatan", Bidang),
        u("Instalasi Gawat Darurat", Instalasi),
        u("Instalasi Rawat Jalan", Instalasi),
        u("Instalasi Rawat Inap", Instalasi),
        u("Instalasi Laboratorium", Instalasi),
    ]},
];

/// The three assistants of a Setda, JPT pratama posts held at the Setda itself.
pub(crate) const ASISTEN: &[&str] = &[
    "Asisten Pemerintahan dan Kesejahteraan Rakyat",
    "Asisten Perekonomian dan Pembangunan",
    "Asisten Administrasi Umum",
];
