//! Creating and editing a program from the catalogue forms and API, and the audited JP correction.
//!
//! Codes are resolved here (institution code → id, OPD codes → org ids), so a validated
//! [`Program`] from the core is all a caller passes. Once any participant's completion was decided,
//! the settings that decided it (JP, jalur, dates, completion rules) are frozen for the ordinary
//! edit; a JP change then goes through [`Db::program_koreksi_jp`], which changes the program's JP
//! and the JP credited to every completed participant in one transaction, audited with the old and
//! new values and the reason (issue 4 "Bad input").

use bangkom_core::error::ValidationErrors;
use bangkom_core::program::Program;
use serde::Serialize;

use super::ProgramRow;
use super::baca::PROGRAM_COLS;
use crate::audit::Actor;
use crate::{BeginWrite, Db, DbError, Result, on};

/// What a JP correction changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KoreksiJp {
    /// The program's JP before.
    pub jp_lama: i64,
    /// The program's JP after.
    pub jp_baru: i64,
    /// Completed participants whose credited JP changed.
    pub peserta: usize,
}

/// A program's codes resolved against the registry.
struct Terurai {
    lembaga_id: Option<i64>,
    penyelenggara: String,
    opd: Vec<i64>,
}

/// The audit image of a program (row and target OPD ids).
fn citra(g: &ProgramRow, opd: &[i64]) -> String {
    let mut v = serde_json::to_value(g).unwrap_or_default();
    if let Some(m) = v.as_object_mut() {
        m.remove("program_id");
        m.insert("opd".into(), serde_json::json!(opd));
    }
    v.to_string()
}

impl Db {
    /// Resolves the institution and OPD codes; the organiser text defaults to the institution's
    /// name.
    async fn urai(&self, p: &Program) -> Result<Terurai> {
        let mut errs = ValidationErrors::new();
        let lembaga = match &p.lembaga {
            None => None,
            Some(k) => match self.lembaga_by_kode(k).await {
                Ok(l) => Some(l),
                Err(DbError::NotFound) => {
                    errs.add("lembaga", format!("kode lembaga tidak terdaftar: {k}"));
                    None
                }
                Err(e) => return Err(e),
            },
        };
        let org = self.org_index().await?;
        let mut opd = Vec::new();
        for k in &p.opd {
            match org.by_kode(k).filter(|o| o.jenis == "opd") {
                Some(o) => opd.push(o.org_id),
                None => errs.add("opd", format!("kode OPD tidak terdaftar: {k}")),
            }
        }
        if !errs.is_empty() {
            return Err(DbError::Invalid(errs));
        }
        let penyelenggara = p
            .penyelenggara
            .clone()
            .or_else(|| lembaga.as_ref().map(|l| l.nama.clone()))
            .unwrap_or_default();
        Ok(Terurai {
            lembaga_id: lembaga.map(|l| l.lembaga_id),
            penyelenggara,
            opd,
        })
    }

    /// Adds a program to the catalogue; audited as `tambah`.
    ///
    /// # Errors
    /// `Invalid` for a code already used, an unknown institution or OPD code.
    pub async fn program_create(&self, actor: &Actor, p: &Program) -> Result<ProgramRow> {
        let u = self.urai(p).await?;
        let sasaran = (!p.sasaran_jabatan.is_empty()).then(|| p.sasaran_jabatan.join(","));
        let g = on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let ada: Option<(i64,)> = sqlx::query_as("SELECT program_id FROM program WHERE kode = $1")
                .bind(&p.kode)
                .fetch_optional(&mut *tx)
                .await?;
            if ada.is_some() {
                return Err(DbError::Invalid(ValidationErrors::single(
                    "kode",
                    format!("kode program {} sudah dipakai", p.kode),
                )));
            }
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO program (kode, nama, jalur, penyelenggara, jp, biaya, kuota, mulai, selesai, klasikal, \
                 kompetensi, sasaran_jabatan, min_hadir_persen, min_nilai_post, lembaga_id) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING program_id",
            )
            .bind(&p.kode)
            .bind(&p.nama)
            .bind(i64::from(p.jalur.id()))
            .bind(&u.penyelenggara)
            .bind(i64::from(p.jp))
            .bind(p.biaya)
            .bind(p.kuota.map(i64::from))
            .bind(p.mulai)
            .bind(p.selesai)
            .bind(p.klasikal)
            .bind(p.kompetensi.as_deref())
            .bind(sasaran.as_deref())
            .bind(i64::from(p.aturan.min_hadir_persen))
            .bind(i64::from(p.aturan.min_nilai_post))
            .bind(u.lembaga_id)
            .fetch_one(&mut *tx)
            .await?;
            for o in &u.opd {
                sqlx::query("INSERT INTO program_opd (program_id, org_id) VALUES ($1, $2)")
                    .bind(id)
                    .bind(*o)
                    .execute(&mut *tx)
                    .await?;
            }
            let g: ProgramRow = sqlx::query_as(&format!("SELECT {PROGRAM_COLS} FROM program g WHERE g.program_id = $1"))
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
            crate::audit_record!(&mut *tx, actor, "tambah", "program", p.kode.as_str(), None, Some(citra(&g, &u.opd)));
            tx.commit().await?;
            g
        });
        Ok(g)
    }

    /// Changes a program (its code stays); audited as `ubah` with the before and after images.
    /// Raising the quota moves the waitlist up.
    ///
    /// # Errors
    /// `Invalid` for an unknown institution or OPD code, a quota below the places already taken,
    /// or — once any completion was decided — a changed JP (use [`Db::program_koreksi_jp`]), jalur,
    /// dates or completion rules. `NotFound` when the program is gone.
    pub async fn program_update(
        &self,
        actor: &Actor,
        lama: &ProgramRow,
        p: &Program,
    ) -> Result<ProgramRow> {
        let u = self.urai(p).await?;
        let sasaran = (!p.sasaran_jabatan.is_empty()).then(|| p.sasaran_jabatan.join(","));
        let sql_row = format!("SELECT {PROGRAM_COLS} FROM program g WHERE g.program_id = $1");
        let g = on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            kunci_program!(tx, lama.program_id);
            let kini: ProgramRow = sqlx::query_as(&sql_row).bind(lama.program_id).fetch_one(&mut *tx).await?;
            let opd_lama: Vec<(i64,)> = sqlx::query_as("SELECT org_id FROM program_opd WHERE program_id = $1 ORDER BY org_id")
                .bind(kini.program_id)
                .fetch_all(&mut *tx)
                .await?;
            let opd_lama: Vec<i64> = opd_lama.into_iter().map(|r| r.0).collect();
            let (putus,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM peserta WHERE program_id = $1 AND status IN ('selesai', 'tidak_selesai')",
            )
            .bind(kini.program_id)
            .fetch_one(&mut *tx)
            .await?;
            let mut errs = ValidationErrors::new();
            if putus > 0 {
                // Completions were decided and credited under these settings: an edit may not
                // silently change them (issue 4 "Bad input").
                if kini.jp != i64::from(p.jp) {
                    errs.add("jp", format!(
                        "JP tidak dapat diubah lewat formulir: {putus} peserta sudah ditetapkan kelulusannya dengan {} JP; \
                         gunakan Koreksi JP (administrator, dengan alasan)", kini.jp));
                }
                if kini.jalur != i64::from(p.jalur.id()) {
                    errs.add("jalur", "jalur tidak dapat diubah setelah ada peserta yang ditetapkan kelulusannya");
                }
                if kini.mulai != p.mulai || kini.selesai != p.selesai {
                    errs.add("selesai", "tanggal program tidak dapat diubah setelah ada peserta yang ditetapkan kelulusannya");
                }
                if kini.aturan() != p.aturan {
                    errs.add("min_hadir_persen", "syarat kelulusan tidak dapat diubah: sudah ada peserta yang ditetapkan kelulusannya");
                }
            }
            if let Some(k) = p.kuota {
                let terisi = kursi_terisi!(tx, kini.program_id);
                if i64::from(k) < terisi {
                    errs.add("kuota", format!("kuota tidak boleh di bawah {terisi} tempat yang sudah terisi"));
                }
            }
            if !errs.is_empty() {
                return Err(DbError::Invalid(errs));
            }
            sqlx::query(
                "UPDATE program SET nama = $1, jalur = $2, penyelenggara = $3, jp = $4, biaya = $5, kuota = $6, \
                 mulai = $7, selesai = $8, klasikal = $9, kompetensi = $10, sasaran_jabatan = $11, \
                 min_hadir_persen = $12, min_nilai_post = $13, lembaga_id = $14 WHERE program_id = $15",
            )
            .bind(&p.nama)
            .bind(i64::from(p.jalur.id()))
            .bind(&u.penyelenggara)
            .bind(i64::from(p.jp))
            .bind(p.biaya)
            .bind(p.kuota.map(i64::from))
            .bind(p.mulai)
            .bind(p.selesai)
            .bind(p.klasikal)
            .bind(p.kompetensi.as_deref())
            .bind(sasaran.as_deref())
            .bind(i64::from(p.aturan.min_hadir_persen))
            .bind(i64::from(p.aturan.min_nilai_post))
            .bind(u.lembaga_id)
            .bind(kini.program_id)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM program_opd WHERE program_id = $1").bind(kini.program_id).execute(&mut *tx).await?;
            for o in &u.opd {
                sqlx::query("INSERT INTO program_opd (program_id, org_id) VALUES ($1, $2)")
                    .bind(kini.program_id)
                    .bind(*o)
                    .execute(&mut *tx)
                    .await?;
            }
            let baru: ProgramRow = sqlx::query_as(&sql_row).bind(kini.program_id).fetch_one(&mut *tx).await?;
            crate::audit_record!(&mut *tx, actor, "ubah", "program", kini.kode.as_str(),
                Some(citra(&kini, &opd_lama)), Some(citra(&baru, &u.opd)));
            let kuota = baru.kuota;
            let _naik = naikkan_antrian!(tx, actor, baru, kuota);
            tx.commit().await?;
            baru
        });
        Ok(g)
    }

    /// Corrects a program's JP after completions: the program's JP and the JP credited to every
    /// completed participant become `jp`, in one transaction, audited as `koreksi_jp` with the old
    /// and new values (per participant) and the reason.
    ///
    /// # Errors
    /// `Invalid` (field `jp`) when the JP is unchanged, (field `alasan`) without a reason.
    pub async fn program_koreksi_jp(
        &self,
        actor: &Actor,
        g: &ProgramRow,
        jp: u32,
        alasan: &str,
    ) -> Result<KoreksiJp> {
        let alasan = alasan.trim();
        if alasan.is_empty() {
            return Err(DbError::Invalid(ValidationErrors::single(
                "alasan",
                "alasan koreksi wajib diisi",
            )));
        }
        let jp = i64::from(jp);
        let hasil = on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            kunci_program!(tx, g.program_id);
            let (lama,): (i64,) = sqlx::query_as("SELECT jp FROM program WHERE program_id = $1")
                .bind(g.program_id)
                .fetch_one(&mut *tx)
                .await?;
            if lama == jp {
                return Err(DbError::Invalid(ValidationErrors::single(
                    "jp",
                    format!("JP program sudah {jp}; tidak ada yang dikoreksi"),
                )));
            }
            let kredit: Vec<(String, i64, i64, Option<time::Date>)> = sqlx::query_as(
                "SELECT p.nip, s.jp_diakui, s.pegawai_id, s.tanggal_selesai FROM peserta s JOIN pegawai p ON p.pegawai_id = s.pegawai_id \
                 WHERE s.program_id = $1 AND s.status = 'selesai' ORDER BY p.nip",
            )
            .bind(g.program_id)
            .fetch_all(&mut *tx)
            .await?;
            sqlx::query("UPDATE program SET jp = $1 WHERE program_id = $2")
                .bind(jp)
                .bind(g.program_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("UPDATE peserta SET jp_diakui = $1 WHERE program_id = $2 AND status = 'selesai'")
                .bind(jp)
                .bind(g.program_id)
                .execute(&mut *tx)
                .await?;
            // The yearly totals follow the credits (rekap: every path that changes JP adds the
            // difference in its own transaction).
            for (_, lama_jp, pegawai_id, tanggal) in &kredit {
                crate::rekap_tambah!(&mut *tx, *pegawai_id, *tanggal, g.jalur, jp - lama_jp);
            }
            let per_nip = |v: Option<i64>| -> serde_json::Map<String, serde_json::Value> {
                kredit.iter().map(|(nip, lama, _, _)| (nip.clone(), serde_json::json!(v.unwrap_or(*lama)))).collect()
            };
            let sebelum = serde_json::json!({"jp": lama, "jp_diakui": per_nip(None)}).to_string();
            let sesudah = serde_json::json!({"jp": jp, "jp_diakui": per_nip(Some(jp)), "alasan": alasan}).to_string();
            crate::audit_record!(&mut *tx, actor, "koreksi_jp", "program", g.kode.as_str(), Some(sebelum), Some(sesudah));
            tx.commit().await?;
            KoreksiJp { jp_lama: lama, jp_baru: jp, peserta: kredit.len() }
        });
        Ok(hasil)
    }

    /// Whether any participant's completion was decided (the JP is then changed only by a
    /// correction).
    pub async fn program_ada_kelulusan(&self, program_id: i64) -> Result<bool> {
        let (n,): (i64,) = on!(self, p => sqlx::query_as(
            "SELECT COUNT(*) FROM peserta WHERE program_id = $1 AND status IN ('selesai', 'tidak_selesai')")
            .bind(program_id).fetch_one(p).await?);
        Ok(n > 0)
    }
}
