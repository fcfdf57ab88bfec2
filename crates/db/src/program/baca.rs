//! Reading programs, their sessions and their participants (scoped: an operator sees only the
//! participants of their OPDs, an employee only themselves).

use bangkom_core::peserta::{AturanKelulusan, StatusPeserta};
use serde::Serialize;

use crate::pegawai::Scope;
use crate::query::Sql;
use crate::{Db, DbError, Result, on};

/// A program as stored, with the attributes of migration 0006.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct ProgramRow {
    /// Key.
    pub program_id: i64,
    /// Stable code.
    pub kode: String,
    /// Name.
    pub nama: String,
    /// SIASN jalur id.
    pub jalur: i64,
    /// Organiser.
    pub penyelenggara: String,
    /// JP credited on completion.
    pub jp: i64,
    /// Cost per participant, rupiah.
    pub biaya: i64,
    /// Places, if limited.
    pub kuota: Option<i64>,
    /// First day.
    pub mulai: time::Date,
    /// Last day.
    pub selesai: time::Date,
    /// Classical (face to face) or not.
    pub klasikal: bool,
    /// Target competencies, free text.
    pub kompetensi: Option<String>,
    /// Target position types (comma-separated `jenis_jabatan` codes; None = all).
    pub sasaran_jabatan: Option<String>,
    /// Completion rule: minimum attendance, percent.
    pub min_hadir_persen: i64,
    /// Completion rule: minimum post-test (0 = none).
    pub min_nilai_post: i64,
    /// The organising institution (migration 0009), if linked.
    pub lembaga_id: Option<i64>,
}

impl ProgramRow {
    /// The completion rules.
    pub fn aturan(&self) -> AturanKelulusan {
        AturanKelulusan {
            min_hadir_persen: u8::try_from(self.min_hadir_persen).unwrap_or(100),
            min_nilai_post: u8::try_from(self.min_nilai_post).unwrap_or(100),
        }
    }

    /// The target position types, if limited.
    pub fn sasaran(&self) -> Vec<&str> {
        self.sasaran_jabatan
            .as_deref()
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect()
    }
}

pub(crate) const PROGRAM_COLS: &str = "g.program_id, g.kode, g.nama, g.jalur, g.penyelenggara, g.jp, g.biaya, g.kuota, \
    g.mulai, g.selesai, g.klasikal, g.kompetensi, g.sasaran_jabatan, g.min_hadir_persen, g.min_nilai_post, g.lembaga_id";

/// A program in the catalogue with its participant counts.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct ProgramRingkas {
    /// The program.
    #[sqlx(flatten)]
    pub program: ProgramRow,
    /// Awaiting approval.
    #[sqlx(rename = "n_diusulkan")]
    pub diusulkan: i64,
    /// On the waitlist.
    #[sqlx(rename = "n_menunggu")]
    pub menunggu: i64,
    /// Approved, not yet decided.
    #[sqlx(rename = "n_disetujui")]
    pub disetujui: i64,
    /// Completed.
    #[sqlx(rename = "n_selesai")]
    pub selesai: i64,
    /// Sessions.
    #[sqlx(rename = "n_sesi")]
    pub sesi: i64,
}

/// One session of a program.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct SesiRow {
    /// Key.
    pub sesi_id: i64,
    /// Day.
    pub tanggal: time::Date,
    /// Start, HH:MM (WIB).
    pub jam_mulai: String,
    /// End, HH:MM (WIB).
    pub jam_selesai: String,
    /// Venue.
    pub tempat: Option<String>,
    /// Online link.
    pub tautan: Option<String>,
    /// Trainer.
    pub pengajar: Option<String>,
    /// Participants marked present.
    pub hadir: i64,
    /// Attendance recorded at all.
    pub dicatat: i64,
}

/// One participant of a program.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct PesertaRow {
    /// Key.
    pub peserta_id: i64,
    /// Employee.
    pub pegawai_id: i64,
    /// NIP.
    pub nip: String,
    /// Name (without titles).
    pub nama: String,
    /// The employee's OPD.
    pub opd_id: i64,
    /// Status code.
    pub status: String,
    /// `usulan` (nominated), `mandiri` (self-application), `impor`.
    pub cara: String,
    /// Waitlist position.
    pub antrian: Option<i64>,
    /// Reason of a rejection, withdrawal or non-completion.
    pub alasan: Option<String>,
    /// Pre-test.
    pub nilai_pre: Option<i64>,
    /// Post-test.
    pub nilai_post: Option<i64>,
    /// JP credited.
    pub jp_diakui: i64,
    /// Certificate number.
    pub nomor_sertifikat: Option<String>,
    /// Sessions attended.
    pub hadir: i64,
}

impl PesertaRow {
    /// The status.
    pub fn status(&self) -> StatusPeserta {
        StatusPeserta::parse(&self.status).unwrap_or(StatusPeserta::Diusulkan)
    }
    /// Pre-test as a score.
    pub fn pre(&self) -> Option<u8> {
        self.nilai_pre.and_then(|n| u8::try_from(n).ok())
    }
    /// Post-test as a score.
    pub fn post(&self) -> Option<u8> {
        self.nilai_post.and_then(|n| u8::try_from(n).ok())
    }
}

/// The scope as a condition on `pegawai p` (ids are our own integers, inlined).
fn scope_on_p(scope: &Scope) -> String {
    match scope {
        Scope::Semua => "1=1".into(),
        Scope::Opd(ids) => format!("p.opd_id IN {}", Sql::id_list(ids)),
        Scope::Pegawai(id) => format!("p.pegawai_id = {id}"),
        Scope::Tidak => "1=0".into(),
    }
}

impl Db {
    /// One program by code.
    pub async fn program_by_kode(&self, kode: &str) -> Result<ProgramRow> {
        let sql = format!("SELECT {PROGRAM_COLS} FROM program g WHERE g.kode = $1");
        let row: Option<ProgramRow> =
            on!(self, p => sqlx::query_as(&sql).bind(kode).fetch_optional(p).await?);
        row.ok_or(DbError::NotFound)
    }

    /// The catalogue, newest first, with participant counts.
    pub async fn program_list(&self) -> Result<Vec<ProgramRingkas>> {
        let sql = format!(
            "SELECT {PROGRAM_COLS}, \
             COUNT(CASE WHEN s.status = 'diusulkan' THEN 1 END) AS n_diusulkan, \
             COUNT(CASE WHEN s.status = 'menunggu' THEN 1 END) AS n_menunggu, \
             COUNT(CASE WHEN s.status = 'disetujui' THEN 1 END) AS n_disetujui, \
             COUNT(CASE WHEN s.status = 'selesai' THEN 1 END) AS n_selesai, \
             (SELECT COUNT(*) FROM sesi_program x WHERE x.program_id = g.program_id) AS n_sesi \
             FROM program g LEFT JOIN peserta s ON s.program_id = g.program_id \
             GROUP BY {PROGRAM_COLS} ORDER BY g.mulai DESC, g.kode"
        );
        Ok(on!(self, p => sqlx::query_as(&sql).fetch_all(p).await?))
    }

    /// The target OPDs of a program (empty = every OPD).
    pub async fn program_opd(&self, program_id: i64) -> Result<Vec<i64>> {
        let rows: Vec<(i64,)> = on!(self, p => sqlx::query_as(
            "SELECT org_id FROM program_opd WHERE program_id = $1 ORDER BY org_id")
            .bind(program_id).fetch_all(p).await?);
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// The sessions of a program, in date order, with their attendance counts.
    pub async fn sesi_list(&self, program_id: i64) -> Result<Vec<SesiRow>> {
        const SQL: &str = "SELECT x.sesi_id, x.tanggal, x.jam_mulai, x.jam_selesai, x.tempat, x.tautan, x.pengajar, \
            (SELECT COUNT(*) FROM kehadiran k WHERE k.sesi_id = x.sesi_id AND k.hadir = TRUE) AS hadir, \
            (SELECT COUNT(*) FROM kehadiran k WHERE k.sesi_id = x.sesi_id) AS dicatat \
            FROM sesi_program x WHERE x.program_id = $1 ORDER BY x.tanggal, x.jam_mulai, x.sesi_id";
        Ok(on!(self, p => sqlx::query_as(SQL).bind(program_id).fetch_all(p).await?))
    }

    /// The participants of a program within `scope`, by status then name.
    pub async fn peserta_list(&self, program_id: i64, scope: &Scope) -> Result<Vec<PesertaRow>> {
        let sql = format!(
            "SELECT s.peserta_id, s.pegawai_id, p.nip, p.nama, p.opd_id, s.status, s.cara, s.antrian, s.alasan, \
             s.nilai_pre, s.nilai_post, s.jp_diakui, s.nomor_sertifikat, \
             (SELECT COUNT(*) FROM kehadiran k WHERE k.peserta_id = s.peserta_id AND k.hadir = TRUE) AS hadir \
             FROM peserta s JOIN pegawai p ON p.pegawai_id = s.pegawai_id \
             WHERE s.program_id = $1 AND {} \
             ORDER BY CASE s.status WHEN 'disetujui' THEN 0 WHEN 'diusulkan' THEN 1 WHEN 'menunggu' THEN 2 \
             WHEN 'selesai' THEN 3 WHEN 'tidak_selesai' THEN 4 ELSE 5 END, s.antrian, p.nama_urut, p.nip",
            scope_on_p(scope)
        );
        Ok(on!(self, p => sqlx::query_as(&sql).bind(program_id).fetch_all(p).await?))
    }

    /// Every nomination awaiting the administrator, over all programs: `(program code, program
    /// name, participant)`.
    pub async fn antrian_persetujuan(&self) -> Result<Vec<(String, String, PesertaRow)>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            kode: String,
            program: String,
            #[sqlx(flatten)]
            peserta: PesertaRow,
        }
        const SQL: &str = "SELECT g.kode, g.nama AS program, s.peserta_id, s.pegawai_id, p.nip, p.nama, p.opd_id, \
            s.status, s.cara, s.antrian, s.alasan, s.nilai_pre, s.nilai_post, s.jp_diakui, s.nomor_sertifikat, \
            CAST(0 AS BIGINT) AS hadir FROM peserta s JOIN pegawai p ON p.pegawai_id = s.pegawai_id \
            JOIN program g ON g.program_id = s.program_id \
            WHERE s.status = 'diusulkan' ORDER BY g.mulai, g.kode, s.peserta_id";
        let rows: Vec<Row> = on!(self, p => sqlx::query_as(SQL).fetch_all(p).await?);
        Ok(rows
            .into_iter()
            .map(|r| (r.kode, r.program, r.peserta))
            .collect())
    }
}
