//! The participation workflow: nomination or self-application (beyond the quota onto the
//! waitlist), the administrator's decision, withdrawal, and the automatic move up of the waitlist
//! when a place is freed. Every step is one transaction with its audit entries; the program row is
//! locked first (a no-op `UPDATE`, which takes the row lock on PostgreSQL and is covered by
//! `BEGIN IMMEDIATE` on SQLite), so two nominations can never both take the last place.

use bangkom_core::error::ValidationErrors;
use bangkom_core::peserta::StatusPeserta;

use super::ProgramRow;
use crate::audit::Actor;
use crate::pegawai::PegawaiRow;
use crate::{BeginWrite, Db, DbError, Result, on};

/// How a participation started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cara {
    /// Nominated by an OPD operator or the administrator.
    Usulan,
    /// The ASN applied themselves.
    Mandiri,
}

impl Cara {
    fn code(self) -> &'static str {
        match self {
            Cara::Usulan => "usulan",
            Cara::Mandiri => "mandiri",
        }
    }
}

fn invalid(field: &str, msg: impl Into<String>) -> DbError {
    DbError::Invalid(ValidationErrors::single(field, msg))
}

/// Locks the program row and returns its quota (inside an open transaction).
macro_rules! kunci_program {
    ($tx:expr, $program_id:expr) => {{
        let row: Option<(Option<i64>,)> = sqlx::query_as(
            "UPDATE program SET kuota = kuota WHERE program_id = $1 RETURNING kuota",
        )
        .bind($program_id)
        .fetch_optional(&mut *$tx)
        .await?;
        row.ok_or(DbError::NotFound)?.0
    }};
}

/// The participation of one employee (id and status), if any.
macro_rules! status_kini {
    ($tx:expr, $program_id:expr, $pegawai_id:expr) => {{
        let row: Option<(i64, String)> = sqlx::query_as(
            "SELECT peserta_id, status FROM peserta WHERE program_id = $1 AND pegawai_id = $2",
        )
        .bind($program_id)
        .bind($pegawai_id)
        .fetch_optional(&mut *$tx)
        .await?;
        row.map(|(id, s)| {
            (
                id,
                StatusPeserta::parse(&s).unwrap_or(StatusPeserta::Diusulkan),
            )
        })
    }};
}

/// Places taken (statuses that hold a place, [`StatusPeserta::menempati_kuota`]).
macro_rules! kursi_terisi {
    ($tx:expr, $program_id:expr) => {{
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM peserta WHERE program_id = $1 \
             AND status IN ('diusulkan', 'disetujui', 'selesai', 'tidak_selesai')",
        )
        .bind($program_id)
        .fetch_one(&mut *$tx)
        .await?;
        n
    }};
}

/// Moves the waitlist up while places are free: each promoted participant becomes `diusulkan`
/// (the administrator still decides), audited as `naik_antrian`. Returns their NIPs.
macro_rules! naikkan_antrian {
    ($tx:expr, $actor:expr, $program:expr, $kuota:expr) => {{
        let mut naik: Vec<String> = Vec::new();
        if let Some(k) = $kuota {
            loop {
                if kursi_terisi!($tx, $program.program_id) >= k {
                    break;
                }
                let next: Option<(i64, String)> = sqlx::query_as(
                    "SELECT s.peserta_id, p.nip FROM peserta s JOIN pegawai p ON p.pegawai_id = s.pegawai_id \
                     WHERE s.program_id = $1 AND s.status = 'menunggu' ORDER BY s.antrian, s.peserta_id LIMIT 1",
                )
                .bind($program.program_id)
                .fetch_optional(&mut *$tx)
                .await?;
                let Some((id, nip)) = next else { break };
                sqlx::query("UPDATE peserta SET status = 'diusulkan', antrian = NULL WHERE peserta_id = $1")
                    .bind(id)
                    .execute(&mut *$tx)
                    .await?;
                let kunci = format!("{}/{}", $program.kode, nip);
                crate::audit_record!(&mut *$tx, $actor, "naik_antrian", "peserta", kunci.as_str(),
                    Some(r#"{"status":"menunggu"}"#.to_string()), Some(r#"{"status":"diusulkan"}"#.to_string()));
                naik.push(nip);
            }
        }
        naik
    }};
}

/// What a step did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Langkah {
    /// The participant's new status.
    pub status: StatusPeserta,
    /// NIPs moved up from the waitlist by this step.
    pub naik: Vec<String>,
}

impl Db {
    /// Nominates `p` for `program` (operator or administrator) or records their own application.
    /// Beyond the quota the participation goes onto the waitlist (`menunggu`): that is not an
    /// error. A second nomination of someone still in the running is refused; someone rejected or
    /// withdrawn may be nominated again. The program's target OPDs and position types apply.
    ///
    /// # Errors
    /// `Invalid` (field `nip`) for a double nomination or a person outside the program's targets;
    /// `NotFound` for an unknown program.
    pub async fn peserta_usul(
        &self,
        actor: &Actor,
        program: &ProgramRow,
        p: &PegawaiRow,
        cara: Cara,
    ) -> Result<Langkah> {
        let sasaran = program.sasaran();
        if !sasaran.is_empty() && !sasaran.contains(&p.jenis_jabatan.as_str()) {
            return Err(invalid(
                "nip",
                format!(
                    "program ini untuk jenis jabatan {}; {} berjabatan {}",
                    sasaran.join(", "),
                    p.nip,
                    p.jenis_jabatan
                ),
            ));
        }
        let opds = self.program_opd(program.program_id).await?;
        if !opds.is_empty() && !opds.contains(&p.opd_id) {
            return Err(invalid(
                "nip",
                "program ini tidak dibuka untuk OPD pegawai tersebut",
            ));
        }
        let kunci = format!("{}/{}", program.kode, p.nip);
        let status = on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let kuota = kunci_program!(tx, program.program_id);
            if let Some((_, s)) = status_kini!(tx, program.program_id, p.pegawai_id)
                && s.aktif()
            {
                return Err(invalid(
                    "nip",
                    format!("{} sudah terdaftar pada program ini (status: {})", p.nip, s.label()),
                ));
            }
            // Nobody jumps the waitlist: while someone waits, a new nomination waits too.
            let (menunggu,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM peserta WHERE program_id = $1 AND status = 'menunggu'",
            )
            .bind(program.program_id)
            .fetch_one(&mut *tx)
            .await?;
            let terisi = kursi_terisi!(tx, program.program_id);
            let penuh = kuota.is_some_and(|k| terisi >= k) || menunggu > 0;
            let (status, antrian) = if penuh {
                let (next,): (i64,) = sqlx::query_as(
                    "SELECT CAST(COALESCE(MAX(antrian), 0) + 1 AS BIGINT) FROM peserta WHERE program_id = $1",
                )
                .bind(program.program_id)
                .fetch_one(&mut *tx)
                .await?;
                (StatusPeserta::Menunggu, Some(next))
            } else {
                (StatusPeserta::Diusulkan, None)
            };
            sqlx::query(
                "INSERT INTO peserta (program_id, pegawai_id, status, cara, antrian) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (program_id, pegawai_id) DO UPDATE SET status = excluded.status, cara = excluded.cara, \
                 antrian = excluded.antrian, alasan = NULL, nilai_pre = NULL, nilai_post = NULL, jp_diakui = 0, \
                 tanggal_selesai = NULL, nomor_sertifikat = NULL",
            )
            .bind(program.program_id)
            .bind(p.pegawai_id)
            .bind(status.code())
            .bind(cara.code())
            .bind(antrian)
            .execute(&mut *tx)
            .await?;
            let after = serde_json::json!({"status": status.code(), "cara": cara.code(), "antrian": antrian}).to_string();
            crate::audit_record!(&mut *tx, actor, "usul", "peserta", kunci.as_str(), None, Some(after));
            tx.commit().await?;
            status
        });
        Ok(Langkah {
            status,
            naik: Vec::new(),
        })
    }

    /// The administrator's decision on a nomination: approve (only `diusulkan`; the waitlist must
    /// move up first) or reject with a reason (`diusulkan`, `menunggu` or `disetujui`). A rejection
    /// frees a place and moves the waitlist up.
    ///
    /// # Errors
    /// `Invalid` for a missing reason or a status that cannot take the decision; `NotFound` when
    /// `p` has no participation in the program.
    pub async fn peserta_putus(
        &self,
        actor: &Actor,
        program: &ProgramRow,
        p: &PegawaiRow,
        setuju: bool,
        alasan: Option<&str>,
    ) -> Result<Langkah> {
        let alasan = alasan.map(str::trim).filter(|a| !a.is_empty());
        if !setuju && alasan.is_none() {
            return Err(invalid("alasan", "alasan penolakan wajib diisi"));
        }
        let kunci = format!("{}/{}", program.kode, p.nip);
        let (status, naik) = on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let kuota = kunci_program!(tx, program.program_id);
            let (id, kini) = status_kini!(tx, program.program_id, p.pegawai_id).ok_or(DbError::NotFound)?;
            let baru = match (setuju, kini) {
                (true, StatusPeserta::Diusulkan) => StatusPeserta::Disetujui,
                (true, StatusPeserta::Menunggu) => {
                    return Err(invalid("status", "masih dalam daftar tunggu: kuota program penuh"));
                }
                (false, StatusPeserta::Diusulkan | StatusPeserta::Menunggu | StatusPeserta::Disetujui) => {
                    StatusPeserta::Ditolak
                }
                (_, s) => {
                    return Err(invalid("status", format!("peserta berstatus {} tidak dapat diputuskan lagi", s.label())));
                }
            };
            sqlx::query("UPDATE peserta SET status = $1, alasan = $2, antrian = NULL WHERE peserta_id = $3")
                .bind(baru.code())
                .bind(alasan)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let before = serde_json::json!({"status": kini.code()}).to_string();
            let after = serde_json::json!({"status": baru.code(), "alasan": alasan}).to_string();
            let aksi = if setuju { "setujui" } else { "tolak" };
            crate::audit_record!(&mut *tx, actor, aksi, "peserta", kunci.as_str(), Some(before), Some(after));
            let naik = naikkan_antrian!(tx, actor, program, kuota);
            tx.commit().await?;
            (baru, naik)
        });
        Ok(Langkah { status, naik })
    }

    /// Withdraws a participation (`diusulkan`, `menunggu` or `disetujui`), freeing its place; the
    /// waitlist moves up.
    ///
    /// # Errors
    /// `Invalid` when already decided; `NotFound` without a participation.
    pub async fn peserta_batal(
        &self,
        actor: &Actor,
        program: &ProgramRow,
        p: &PegawaiRow,
        alasan: Option<&str>,
    ) -> Result<Langkah> {
        let alasan = alasan.map(str::trim).filter(|a| !a.is_empty());
        let kunci = format!("{}/{}", program.kode, p.nip);
        let naik = on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let kuota = kunci_program!(tx, program.program_id);
            let (id, kini) = status_kini!(tx, program.program_id, p.pegawai_id).ok_or(DbError::NotFound)?;
            if !kini.dapat_dibatalkan() {
                return Err(invalid("status", format!("peserta berstatus {} tidak dapat dibatalkan", kini.label())));
            }
            sqlx::query("UPDATE peserta SET status = 'dibatalkan', alasan = $1, antrian = NULL WHERE peserta_id = $2")
                .bind(alasan)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let before = serde_json::json!({"status": kini.code()}).to_string();
            let after = serde_json::json!({"status": "dibatalkan", "alasan": alasan}).to_string();
            crate::audit_record!(&mut *tx, actor, "batal", "peserta", kunci.as_str(), Some(before), Some(after));
            let naik = naikkan_antrian!(tx, actor, program, kuota);
            tx.commit().await?;
            naik
        });
        Ok(Langkah {
            status: StatusPeserta::Dibatalkan,
            naik,
        })
    }
}
