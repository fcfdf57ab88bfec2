//! Experiential activities: recording (a rotation also moves the position, closing the old one in
//! `riwayat_jabatan` as an edit of the employee does), the administrator's kind → jalur table, and
//! the mentor's or supervisor's assessment, which credits JP once.

use bangkom_core::error::ValidationErrors;
use bangkom_core::jp::Jalur;
use bangkom_core::pengalaman::{Hasil, JenisPengalaman, periksa_dasar};
use serde::Serialize;

use super::{invalid, invalid1, isi};
use crate::audit::Actor;
use crate::pegawai::{COLUMNS, PegawaiRow, Scope};
use crate::{BeginWrite, Db, DbError, Result, on};

/// An activity as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PengalamanBaru {
    /// The learner.
    pub pegawai_id: i64,
    /// Kind.
    pub jenis: JenisPengalaman,
    /// Project, topic or assignment name.
    pub judul: String,
    /// Objectives.
    pub tujuan: Option<String>,
    /// Host unit; for a rotation the new unit (org id, an OPD or a unit).
    pub unit_tujuan_id: Option<i64>,
    /// Rotation only: the new position.
    pub ke_jabatan: Option<String>,
    /// Coach, mentor, field expert or supervisor who is an employee.
    pub pembimbing_id: Option<i64>,
    /// …or a named outsider (a field expert of a contractor, a lecturer).
    pub pembimbing_nama: Option<String>,
    /// First day.
    pub mulai: time::Date,
    /// Last day.
    pub selesai: time::Date,
}

/// The assessment of a completed activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Penilaian {
    /// Outcome.
    pub hasil: Hasil,
    /// JP to credit; `None` takes the kind's default (if the administrator set one).
    pub jp: Option<u32>,
    /// The assessor's notes.
    pub catatan: String,
}

/// An activity as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct PengalamanRow {
    /// Key.
    pub pengalaman_id: i64,
    /// Learner.
    pub pegawai_id: i64,
    /// Learner's NIP.
    pub nip: String,
    /// Learner's name.
    pub nama: String,
    /// Learner's OPD (org id).
    pub opd_id: i64,
    /// Kind code.
    pub jenis: String,
    /// Title.
    pub judul: String,
    /// Objectives.
    pub tujuan: Option<String>,
    /// Host / new unit.
    pub unit_tujuan_id: Option<i64>,
    /// Rotation: old position.
    pub dari_jabatan: Option<String>,
    /// Rotation: old unit.
    pub dari_unit_id: Option<i64>,
    /// Rotation: new position.
    pub ke_jabatan: Option<String>,
    /// Mentor who is an employee.
    pub pembimbing_id: Option<i64>,
    /// Mentor's name (the employee's, or the outsider's).
    pub pembimbing_nama: Option<String>,
    /// First day.
    pub mulai: time::Date,
    /// Last day.
    pub selesai: time::Date,
    /// `berjalan` or `dinilai`.
    pub status: String,
    /// Outcome code.
    pub hasil: Option<String>,
    /// Assessor's notes.
    pub catatan_nilai: Option<String>,
    /// JP credited.
    pub jp_diakui: Option<i64>,
    /// Jalur credited (SIASN id).
    pub jalur: Option<i64>,
    /// Who assessed.
    pub dinilai_oleh: Option<String>,
}

/// One line of the kind → jalur table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct AturanRow {
    /// Kind code.
    pub jenis: String,
    /// SIASN jalur id.
    pub jalur: i64,
    /// Default JP, if the instansi set one.
    pub jp_bawaan: Option<i64>,
}

const SELECT: &str = "SELECT x.pengalaman_id, x.pegawai_id, p.nip, p.nama, p.opd_id, x.jenis, x.judul, x.tujuan, \
    x.unit_tujuan_id, x.dari_jabatan, x.dari_unit_id, x.ke_jabatan, x.pembimbing_id, \
    COALESCE(m.nama, x.pembimbing_nama) AS pembimbing_nama, x.mulai, x.selesai, x.status, x.hasil, \
    x.catatan_nilai, x.jp_diakui, x.jalur, x.dinilai_oleh \
    FROM pengalaman x JOIN pegawai p ON p.pegawai_id = x.pegawai_id \
    LEFT JOIN pegawai m ON m.pegawai_id = x.pembimbing_id";

fn check(n: &PengalamanBaru) -> ValidationErrors {
    let mut errs = ValidationErrors::new();
    periksa_dasar(&mut errs, &n.judul, n.mulai, n.selesai, None);
    if n.jenis == JenisPengalaman::Rotasi {
        if isi(n.ke_jabatan.as_deref()).is_none() {
            errs.add("ke_jabatan", "jabatan tujuan rotasi wajib diisi");
        }
        if n.unit_tujuan_id.is_none() {
            errs.add("unit_tujuan", "unit tujuan rotasi wajib diisi");
        }
    }
    if n.jenis != JenisPengalaman::Rotasi
        && n.pembimbing_id.is_none()
        && isi(n.pembimbing_nama.as_deref()).is_none()
    {
        let what = if n.jenis.berpasangan() {
            "coach/mentor wajib diisi"
        } else {
            "pembimbing atau tenaga ahli lapangan wajib diisi"
        };
        errs.add("pembimbing", what);
    }
    if n.pembimbing_id == Some(n.pegawai_id) {
        errs.add("pembimbing", "pembimbing tidak boleh pegawai itu sendiri");
    }
    errs
}

impl Db {
    /// Records an activity, audited. A rotation must not overlap another rotation of the same
    /// employee nor start before the current position's TMT; it closes the current position in the
    /// history (ended the day the rotation starts) and makes the new position and unit current.
    pub async fn pengalaman_add(&self, actor: &Actor, n: &PengalamanBaru) -> Result<i64> {
        let errs = check(n);
        if !errs.is_empty() {
            return Err(invalid(errs));
        }
        let unit = match n.unit_tujuan_id {
            Some(id) => {
                let org = self.org_index().await?;
                let u = org
                    .get(id)
                    .ok_or_else(|| invalid1("unit_tujuan", "unit tujuan tidak terdaftar"))?;
                Some((u.org_id, u.opd_id, u.pemda_id))
            }
            None => None,
        };
        let now = crate::now();
        let id: i64 = on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let sql = format!("SELECT {COLUMNS} FROM pegawai WHERE pegawai_id = $1");
            let cur: PegawaiRow = sqlx::query_as(&sql)
                .bind(n.pegawai_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(DbError::NotFound)?;
            let mut dari: (Option<String>, Option<i64>) = (None, None);
            if n.jenis == JenisPengalaman::Rotasi {
                let Some((unit_id, Some(opd_id), Some(pemda_id))) = unit else {
                    return Err(invalid1("unit_tujuan", "unit tujuan rotasi harus OPD atau unit kerja, bukan pemda"));
                };
                let clash: Option<(time::Date, time::Date)> = sqlx::query_as(
                    "SELECT mulai, selesai FROM pengalaman WHERE pegawai_id = $1 AND jenis = 'rotasi' \
                     AND mulai <= $3 AND selesai >= $2 ORDER BY mulai LIMIT 1",
                )
                .bind(n.pegawai_id)
                .bind(n.mulai)
                .bind(n.selesai)
                .fetch_optional(&mut *tx)
                .await?;
                if let Some((m, s)) = clash {
                    return Err(invalid1("mulai", format!("rotasi tumpang tindih dengan rotasi lain pegawai ini ({m} s.d. {s})")));
                }
                if let Some(tmt) = cur.tmt_jabatan
                    && n.mulai <= tmt
                {
                    return Err(invalid1("mulai", format!("rotasi harus dimulai setelah TMT jabatan sekarang ({tmt})")));
                }
                sqlx::query(
                    "INSERT INTO riwayat_jabatan (pegawai_id, jenis_jabatan, jabatan, jenjang, golongan, unit_id, mulai, selesai) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(cur.pegawai_id)
                .bind(cur.jenis_jabatan.as_str())
                .bind(cur.jabatan.as_str())
                .bind(cur.jenjang.as_deref())
                .bind(cur.golongan.as_str())
                .bind(cur.unit_id)
                .bind(cur.tmt_jabatan)
                .bind(n.mulai)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "UPDATE pegawai SET jabatan = $2, unit_id = $3, opd_id = $4, pemda_id = $5, tmt_jabatan = $6, diubah = $7 \
                     WHERE pegawai_id = $1",
                )
                .bind(cur.pegawai_id)
                .bind(isi(n.ke_jabatan.as_deref()))
                .bind(unit_id)
                .bind(opd_id)
                .bind(pemda_id)
                .bind(n.mulai)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                dari = (Some(cur.jabatan.clone()), Some(cur.unit_id));
            }
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO pengalaman (pegawai_id, jenis, judul, tujuan, unit_tujuan_id, dari_jabatan, dari_unit_id, \
                 ke_jabatan, pembimbing_id, pembimbing_nama, mulai, selesai, dibuat) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING pengalaman_id",
            )
            .bind(n.pegawai_id)
            .bind(n.jenis.code())
            .bind(n.judul.trim())
            .bind(isi(n.tujuan.as_deref()))
            .bind(n.unit_tujuan_id)
            .bind(dari.0.as_deref())
            .bind(dari.1)
            .bind(isi(n.ke_jabatan.as_deref()))
            .bind(n.pembimbing_id)
            .bind(isi(n.pembimbing_nama.as_deref()))
            .bind(n.mulai)
            .bind(n.selesai)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let after = serde_json::json!({
                "nip": cur.nip, "jenis": n.jenis.code(), "judul": n.judul.trim(),
                "mulai": n.mulai.to_string(), "selesai": n.selesai.to_string(),
                "dari_jabatan": dari.0, "ke_jabatan": n.ke_jabatan, "unit_tujuan_id": n.unit_tujuan_id,
            })
            .to_string();
            let kunci = id.to_string();
            crate::audit_record!(&mut *tx, actor, "catat", "pengalaman", kunci.as_str(), None, Some(after));
            tx.commit().await?;
            id
        });
        Ok(id)
    }

    /// One activity (no scope: callers check who may see it with [`PengalamanRow`]'s ids).
    pub async fn pengalaman_by_id(&self, id: i64) -> Result<PengalamanRow> {
        let sql = format!("{SELECT} WHERE x.pengalaman_id = $1");
        let row: Option<PengalamanRow> =
            on!(self, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await?);
        row.ok_or(DbError::NotFound)
    }

    /// Activities of the employees in scope, newest first, at most `limit`.
    pub async fn pengalaman_list(&self, scope: &Scope, limit: i64) -> Result<Vec<PengalamanRow>> {
        let cond = scope.condition_on("p");
        let sql = format!(
            "{SELECT} WHERE {cond} ORDER BY x.mulai DESC, x.pengalaman_id DESC LIMIT {limit}"
        );
        Ok(on!(self, pool => sqlx::query_as(&sql).fetch_all(pool).await?))
    }

    /// Activities this employee coaches, mentors or supervises (as the named mentor).
    pub async fn pengalaman_bimbingan(&self, pembimbing_id: i64) -> Result<Vec<PengalamanRow>> {
        let sql = format!(
            "{SELECT} WHERE x.pembimbing_id = $1 ORDER BY x.mulai DESC, x.pengalaman_id DESC"
        );
        Ok(on!(self, pool => sqlx::query_as(&sql).bind(pembimbing_id).fetch_all(pool).await?))
    }

    /// The kind → jalur table.
    pub async fn pengalaman_aturan(&self) -> Result<Vec<AturanRow>> {
        const SQL: &str = "SELECT jenis, jalur, jp_bawaan FROM pengalaman_aturan ORDER BY jenis";
        Ok(on!(self, pool => sqlx::query_as(SQL).fetch_all(pool).await?))
    }

    /// Sets a kind's jalur and default JP (administrator), audited. Already credited activities
    /// keep the jalur and JP they were credited with.
    pub async fn pengalaman_aturan_set(
        &self,
        actor: &Actor,
        jenis: JenisPengalaman,
        jalur: Jalur,
        jp_bawaan: Option<u32>,
    ) -> Result<()> {
        if let Some(jp) = jp_bawaan
            && !(1..=bangkom_core::pengalaman::JP_MAKS_PER_KEGIATAN).contains(&jp)
        {
            return Err(invalid1(
                "jp_bawaan",
                format!("JP bawaan harus 1–1000 atau kosong, ditemukan {jp}"),
            ));
        }
        on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let before: Option<(i64, Option<i64>)> = sqlx::query_as("SELECT jalur, jp_bawaan FROM pengalaman_aturan WHERE jenis = $1")
                .bind(jenis.code())
                .fetch_optional(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO pengalaman_aturan (jenis, jalur, jp_bawaan) VALUES ($1, $2, $3) \
                 ON CONFLICT (jenis) DO UPDATE SET jalur = excluded.jalur, jp_bawaan = excluded.jp_bawaan",
            )
            .bind(jenis.code())
            .bind(i64::from(jalur.id()))
            .bind(jp_bawaan.map(i64::from))
            .execute(&mut *tx)
            .await?;
            let before = before.map(|(j, jp)| serde_json::json!({"jalur": j, "jp_bawaan": jp}).to_string());
            let after = serde_json::json!({"jalur": jalur.id(), "jp_bawaan": jp_bawaan}).to_string();
            crate::audit_record!(&mut *tx, actor, "ubah", "pengalaman_aturan", jenis.code(), before, Some(after));
            tx.commit().await?;
        });
        Ok(())
    }

    /// Assesses a completed activity (its last day is on or before `hari_ini`), audited. An outcome
    /// other than "not met" credits the JP under the kind's jalur, dated the activity's last day;
    /// an activity is assessed once (a second assessment is a conflict, so JP is never credited
    /// twice).
    pub async fn pengalaman_nilai(
        &self,
        actor: &Actor,
        id: i64,
        n: &Penilaian,
        hari_ini: time::Date,
    ) -> Result<PengalamanRow> {
        let row = self.pengalaman_by_id(id).await?;
        if row.status != "berjalan" {
            return Err(DbError::Conflict(format!(
                "kegiatan ini sudah dinilai ({}); penilaian tidak dapat diulang",
                row.hasil.as_deref().unwrap_or("-")
            )));
        }
        let mut errs = ValidationErrors::new();
        if row.selesai > hari_ini {
            errs.add(
                "hasil",
                format!("kegiatan belum selesai (berakhir {})", row.selesai),
            );
        }
        if n.catatan.trim().is_empty() {
            errs.add("catatan", "catatan penilaian wajib diisi");
        }
        let aturan: Option<(i64, Option<i64>)> = on!(self, pool => sqlx::query_as(
            "SELECT jalur, jp_bawaan FROM pengalaman_aturan WHERE jenis = $1")
            .bind(row.jenis.as_str()).fetch_optional(pool).await?);
        let (jalur, jp_bawaan) = aturan.unwrap_or((25, None));
        let jp: i64 = if n.hasil.dikreditkan() {
            match n.jp.map(i64::from).or(jp_bawaan) {
                Some(jp) if (1..=1000).contains(&jp) => jp,
                Some(jp) => {
                    errs.add("jp", format!("JP harus 1–1000, ditemukan {jp}"));
                    0
                }
                None => {
                    errs.add("jp", "JP wajib diisi (belum ada JP bawaan untuk jenis ini)");
                    0
                }
            }
        } else {
            0
        };
        if !errs.is_empty() {
            return Err(invalid(errs));
        }
        let now = crate::now();
        on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let done = sqlx::query(
                "UPDATE pengalaman SET status = 'dinilai', hasil = $2, catatan_nilai = $3, jp_diakui = $4, jalur = $5, \
                 dinilai_oleh = $6, dinilai_pada = $7 WHERE pengalaman_id = $1 AND status = 'berjalan'",
            )
            .bind(id)
            .bind(n.hasil.code())
            .bind(n.catatan.trim())
            .bind(jp)
            .bind(jalur)
            .bind(actor.nama.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() != 1 {
                return Err(DbError::Conflict("kegiatan ini sudah dinilai; penilaian tidak dapat diulang".into()));
            }
            if jp > 0 {
                let added = sqlx::query(
                    "INSERT INTO jp_kredit (pegawai_id, sumber, sumber_id, jalur, jp, tanggal) \
                     VALUES ($1, 'pengalaman', $2, $3, $4, $5) ON CONFLICT (sumber, sumber_id) DO NOTHING",
                )
                .bind(row.pegawai_id)
                .bind(id)
                .bind(jalur)
                .bind(jp)
                .bind(row.selesai)
                .execute(&mut *tx)
                .await?;
                if added.rows_affected() == 1 {
                    crate::rekap_tambah!(&mut *tx, row.pegawai_id, Some(row.selesai), jalur, jp);
                }
            }
            let after = serde_json::json!({"hasil": n.hasil.code(), "jp": jp, "jalur": jalur, "nip": row.nip}).to_string();
            let kunci = id.to_string();
            crate::audit_record!(&mut *tx, actor, "nilai", "pengalaman", kunci.as_str(), None, Some(after));
            tx.commit().await?;
        });
        self.pengalaman_by_id(id).await
    }
}
