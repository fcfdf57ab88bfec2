//! The participation actions shared by the pages and the JSON API, with their role and scope
//! checks: nomination by an operator (only employees of their OPDs) or the administrator,
//! self-application by an employee (only themselves), decisions, sessions, attendance, scores and
//! completion by the administrator. An employee outside the caller's scope is "not found" (404),
//! exactly like a NIP that does not exist.

use bangkom_core::error::{FieldError, ValidationErrors};
use bangkom_core::role::Role;
use bangkom_db::pegawai::PegawaiRow;
use bangkom_db::program::{Cara, HasilKelulusan, Langkah, NilaiBaru, ProgramRow, SesiBaru};

use crate::auth::User;
use crate::error::{AppError, Result};
use crate::state::AppState;

/// The program `kode` as the caller may see it: an institution's staff see only the programs of
/// their own institution (404 for any other, exactly like a code that does not exist).
pub async fn program_for(st: &AppState, user: &User, kode: &str) -> Result<ProgramRow> {
    let g = st.db.program_by_kode(kode.trim()).await?;
    if user.role == Role::Lembaga && (user.lembaga_id.is_none() || g.lembaga_id != user.lembaga_id)
    {
        return Err(AppError::NotFound);
    }
    Ok(g)
}

/// May run the program's classes (sessions, attendance, scores): the administrator, or the staff
/// of the organising institution.
pub fn boleh_kelola(user: &User, g: &ProgramRow) -> bool {
    match user.role {
        Role::Admin => true,
        Role::Lembaga => user.lembaga_id.is_some() && g.lembaga_id == user.lembaga_id,
        _ => false,
    }
}

fn kelola(user: &User, g: &ProgramRow) -> Result<()> {
    if boleh_kelola(user, g) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Whose participation the caller sees in program `g`: the organising institution's staff see
/// the whole class of their own program; everyone else their usual scope.
pub fn peserta_scope(user: &User, g: &ProgramRow) -> bangkom_db::pegawai::Scope {
    if user.role == Role::Lembaga && boleh_kelola(user, g) {
        bangkom_db::pegawai::Scope::Semua
    } else {
        user.scope.clone()
    }
}

/// The employee `nip` as the caller may act on them (404 outside the scope).
async fn pegawai(st: &AppState, user: &User, nip: &str) -> Result<PegawaiRow> {
    let nip: String = nip.chars().filter(|c| !c.is_whitespace()).collect();
    if nip.is_empty() {
        return Err(AppError::Invalid(ValidationErrors::single(
            "nip",
            "NIP wajib diisi",
        )));
    }
    Ok(st.db.pegawai_by_nip(&user.scope, &nip).await?)
}

/// Nominates `nip` (admin, operator) or applies for oneself (employee: `nip` is ignored and the
/// own record is used). Beyond the quota the result is the waitlist, not an error.
///
/// # Errors
/// 403 for a read-only role, 404 outside the scope, 422 for a double nomination.
pub async fn usul(
    st: &AppState,
    user: &User,
    kode: &str,
    nip: &str,
) -> Result<(PegawaiRow, Langkah)> {
    let prog = program_for(st, user, kode).await?;
    let (p, cara) = match (user.role, &user.scope) {
        (Role::Admin | Role::Operator, _) => (pegawai(st, user, nip).await?, Cara::Usulan),
        (Role::Pegawai, bangkom_db::pegawai::Scope::Pegawai(id)) => {
            (st.db.pegawai_by_id(&user.scope, *id).await?, Cara::Mandiri)
        }
        _ => return Err(AppError::Forbidden),
    };
    let langkah = st.db.peserta_usul(&user.actor(), &prog, &p, cara).await?;
    Ok((p, langkah))
}

/// The administrator approves or rejects (with a reason).
///
/// # Errors
/// 403 unless admin, 404 without a participation, 422 for a missing reason or a wrong status.
pub async fn putus(
    st: &AppState,
    user: &User,
    kode: &str,
    nip: &str,
    setuju: bool,
    alasan: Option<&str>,
) -> Result<Langkah> {
    user.require_admin()?;
    let prog = program_for(st, user, kode).await?;
    let p = pegawai(st, user, nip).await?;
    Ok(st
        .db
        .peserta_putus(&user.actor(), &prog, &p, setuju, alasan)
        .await?)
}

/// Withdraws a participation: the administrator, the operator of the employee's OPD, or the
/// employee themselves.
///
/// # Errors
/// 403 for a read-only role, 404 outside the scope, 422 when already decided.
pub async fn batal(
    st: &AppState,
    user: &User,
    kode: &str,
    nip: &str,
    alasan: Option<&str>,
) -> Result<Langkah> {
    if matches!(user.role, Role::Pimpinan | Role::Lembaga) {
        return Err(AppError::Forbidden);
    }
    let prog = program_for(st, user, kode).await?;
    let p = pegawai(st, user, nip).await?;
    Ok(st
        .db
        .peserta_batal(&user.actor(), &prog, &p, alasan)
        .await?)
}

/// Session fields as entered.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[allow(missing_docs)]
pub struct SesiInput {
    #[serde(default)]
    pub tanggal: String,
    #[serde(default)]
    pub jam_mulai: String,
    #[serde(default)]
    pub jam_selesai: String,
    #[serde(default)]
    pub tempat: String,
    #[serde(default)]
    pub tautan: String,
    #[serde(default)]
    pub pengajar: String,
}

fn jam(field: &str, s: &str, errs: &mut ValidationErrors) -> String {
    let t = s.trim();
    let ok = t.len() == 5
        && t.as_bytes().get(2) == Some(&b':')
        && t.get(..2)
            .and_then(|h| h.parse::<u8>().ok())
            .is_some_and(|h| h < 24)
        && t.get(3..)
            .and_then(|m| m.parse::<u8>().ok())
            .is_some_and(|m| m < 60);
    if !ok {
        errs.add(field, "jam harus berbentuk JJ:MM, mis. 08:00");
    }
    t.to_string()
}

fn teks(field: &str, label: &str, s: &str, errs: &mut ValidationErrors) -> Option<String> {
    bangkom_core::error::clean_text(field, label, s, false, 300)
        .map_err(|e| errs.push(e))
        .ok()
        .flatten()
}

/// Adds a session (administrator).
///
/// # Errors
/// 403 unless admin, 422 for bad fields.
pub async fn sesi_tambah(st: &AppState, user: &User, kode: &str, f: &SesiInput) -> Result<i64> {
    let prog = program_for(st, user, kode).await?;
    kelola(user, &prog)?;
    let mut errs = ValidationErrors::new();
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    let tanggal = time::Date::parse(f.tanggal.trim(), &fmt)
        .map_err(|_| errs.add("tanggal", "tanggal tidak sah (TTTT-BB-HH)"))
        .ok();
    let jam_mulai = jam("jam_mulai", &f.jam_mulai, &mut errs);
    let jam_selesai = jam("jam_selesai", &f.jam_selesai, &mut errs);
    let tempat = teks("tempat", "tempat", &f.tempat, &mut errs);
    let tautan = teks("tautan", "tautan", &f.tautan, &mut errs);
    if let Some(t) = &tautan
        && !(t.starts_with("https://") || t.starts_with("http://"))
    {
        errs.add("tautan", "tautan daring harus diawali https://");
    }
    let pengajar = teks("pengajar", "pengajar", &f.pengajar, &mut errs);
    let Some(tanggal) = tanggal.filter(|_| errs.is_empty()) else {
        return Err(AppError::Invalid(errs));
    };
    let s = SesiBaru {
        tanggal,
        jam_mulai,
        jam_selesai,
        tempat,
        tautan,
        pengajar,
    };
    Ok(st.db.sesi_add(&user.actor(), &prog, &s).await?)
}

/// Records one session's attendance for the whole class (administrator).
///
/// # Errors
/// 403 unless admin, 404 for a session of another program, 422 for a non-participant.
pub async fn hadir(
    st: &AppState,
    user: &User,
    kode: &str,
    sesi_id: i64,
    nips: &[String],
) -> Result<(usize, usize)> {
    let prog = program_for(st, user, kode).await?;
    kelola(user, &prog)?;
    Ok(st.db.hadir_set(&user.actor(), &prog, sesi_id, nips).await?)
}

/// One participant's scores as entered (text from a form, numbers from the API).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NilaiInput {
    /// NIP.
    pub nip: String,
    /// Pre-test as entered.
    pub pre: Option<i64>,
    /// Post-test as entered.
    pub post: Option<i64>,
}

/// Checks the 0..=100 range of every score, naming the field `pre.NIP` / `post.NIP`.
///
/// # Errors
/// Every score out of range.
pub fn nilai_valid(rows: &[NilaiInput]) -> Result<Vec<NilaiBaru>, ValidationErrors> {
    let mut errs = ValidationErrors::new();
    let mut out = Vec::new();
    for r in rows {
        let mut one = |kind: &str, v: Option<i64>| -> Option<u8> {
            let field = format!("{kind}.{}", r.nip);
            v.and_then(|n| {
                bangkom_core::peserta::nilai(&field, n)
                    .map_err(|e: FieldError| errs.push(e))
                    .ok()
            })
        };
        let pre = one("pre", r.pre);
        let post = one("post", r.post);
        out.push(NilaiBaru {
            nip: r.nip.clone(),
            pre,
            post,
        });
    }
    errs.into_result(out)
}

/// Records scores (administrator).
///
/// # Errors
/// 403 unless admin, 422 for a score outside 0..=100 or a non-participant.
pub async fn nilai(st: &AppState, user: &User, kode: &str, rows: &[NilaiInput]) -> Result<usize> {
    let prog = program_for(st, user, kode).await?;
    kelola(user, &prog)?;
    let rows = nilai_valid(rows).map_err(AppError::Invalid)?;
    Ok(st.db.nilai_set(&user.actor(), &prog, &rows).await?)
}

/// Applies the completion rules (administrator).
///
/// # Errors
/// 403 unless admin, 422 when nobody awaits a decision.
pub async fn lulus(st: &AppState, user: &User, kode: &str) -> Result<HasilKelulusan> {
    user.require_admin()?;
    let prog = program_for(st, user, kode).await?;
    Ok(st.db.kelulusan(&user.actor(), &prog).await?)
}

/// Program settings as entered (administrator).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[allow(missing_docs)]
pub struct AturInput {
    /// `1` when classical (a checkbox).
    #[serde(default)]
    pub klasikal: String,
    #[serde(default)]
    pub kompetensi: String,
    /// Comma-separated `jenis_jabatan` codes.
    #[serde(default)]
    pub sasaran_jabatan: String,
    /// Comma-separated OPD codes.
    #[serde(default)]
    pub opd: String,
    #[serde(default)]
    pub min_hadir_persen: String,
    #[serde(default)]
    pub min_nilai_post: String,
}

/// Changes a program's settings and completion rules (administrator). The rules cannot change
/// once someone's completion was decided under them.
///
/// # Errors
/// 403 unless admin; 422 for bad fields, an unknown OPD code, or changed rules after completions.
pub async fn atur(st: &AppState, user: &User, kode: &str, f: &AturInput) -> Result<()> {
    user.require_admin()?;
    let prog = program_for(st, user, kode).await?;
    let mut errs = ValidationErrors::new();
    let kompetensi = bangkom_core::error::clean_text(
        "kompetensi",
        "kompetensi sasaran",
        &f.kompetensi,
        false,
        500,
    )
    .map_err(|e| errs.push(e))
    .ok()
    .flatten();
    let sasaran: Vec<String> = f
        .sasaran_jabatan
        .split(',')
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
        .collect();
    let org = st.db.org_index().await?;
    let mut opd = Vec::new();
    for k in f.opd.split(',').map(str::trim).filter(|k| !k.is_empty()) {
        match org.by_kode(k).filter(|o| o.jenis == "opd") {
            Some(o) => opd.push(o.org_id),
            None => errs.add("opd", format!("kode OPD tidak terdaftar: {k}")),
        }
    }
    let mut persen = |field: &str, label: &str, s: &str| -> u8 {
        bangkom_core::peserta::parse_nilai(field, s)
            .map_err(|_| errs.add(field, format!("{label} harus bilangan bulat 0–100")))
            .ok()
            .flatten()
            .unwrap_or(0)
    };
    let aturan = bangkom_core::peserta::AturanKelulusan {
        min_hadir_persen: persen("min_hadir_persen", "kehadiran minimal", &f.min_hadir_persen),
        min_nilai_post: persen(
            "min_nilai_post",
            "nilai post-test minimal",
            &f.min_nilai_post,
        ),
    };
    if !errs.is_empty() {
        return Err(AppError::Invalid(errs));
    }
    let a = bangkom_db::program::ProgramAtribut {
        klasikal: f.klasikal == "1",
        kompetensi,
        sasaran_jabatan: (!sasaran.is_empty()).then(|| sasaran.join(",")),
        opd,
        aturan,
    };
    Ok(st.db.program_atribut_set(&user.actor(), &prog, &a).await?)
}
