//! The program catalogue actions shared by the pages and the JSON API, with their role and scope
//! checks: the administrator creates and edits any program; an institution's staff (role
//! `lembaga`) create programs of their own institution and edit only those (another institution's
//! program is 404, exactly like a code that does not exist); the JP correction after completions
//! is the administrator's alone. Validation is the core's ([`ProgramInput::validate`]).

use bangkom_core::program::{KoreksiJpInput, ProgramInput, StatusProgram};
use bangkom_core::role::Role;
use bangkom_db::program::{KoreksiJp, ProgramFilter, ProgramRow, UrutProgram};
use serde::{Deserialize, Serialize};

use crate::auth::User;
use crate::error::{AppError, Result};
use crate::peserta::{boleh_kelola, program_for};
use crate::state::AppState;

/// May add programs: the administrator, or the staff of an institution.
pub fn boleh_buat(user: &User) -> bool {
    match user.role {
        Role::Admin => true,
        Role::Lembaga => user.lembaga_id.is_some(),
        _ => false,
    }
}

/// May edit program `g`: the administrator, or the staff of its organising institution.
pub fn boleh_ubah(user: &User, g: &ProgramRow) -> bool {
    boleh_kelola(user, g)
}

/// An institution's staff always organise as their own institution, whatever was sent.
async fn lembaga_sendiri(st: &AppState, user: &User, input: &mut ProgramInput) -> Result<()> {
    if user.role == Role::Lembaga {
        let id = user.lembaga_id.ok_or(AppError::Forbidden)?;
        input.lembaga = st.db.lembaga_by_id(id).await?.kode;
    }
    Ok(())
}

/// Adds a program.
///
/// # Errors
/// 403 for a role that may not, 422 with field messages (a used code included).
pub async fn buat(st: &AppState, user: &User, mut input: ProgramInput) -> Result<ProgramRow> {
    if !boleh_buat(user) {
        return Err(AppError::Forbidden);
    }
    lembaga_sendiri(st, user, &mut input).await?;
    let p = input.validate().map_err(AppError::Invalid)?;
    Ok(st.db.program_create(&user.actor(), &p).await?)
}

/// Edits program `kode` (the code itself stays).
///
/// # Errors
/// 404 for an unknown program or one of another institution, 403 for a role that may not, 422
/// with field messages (a JP change after completions points to the JP correction).
pub async fn ubah(
    st: &AppState,
    user: &User,
    kode: &str,
    mut input: ProgramInput,
) -> Result<ProgramRow> {
    let g = program_for(st, user, kode).await?;
    if !boleh_ubah(user, &g) {
        return Err(AppError::Forbidden);
    }
    input.kode.clone_from(&g.kode);
    lembaga_sendiri(st, user, &mut input).await?;
    let p = input.validate().map_err(AppError::Invalid)?;
    Ok(st.db.program_update(&user.actor(), &g, &p).await?)
}

/// Corrects the JP of program `kode` and of its completed participants (administrator).
///
/// # Errors
/// 403 unless admin, 404 for an unknown program, 422 without a reason or with the same JP.
pub async fn koreksi_jp(
    st: &AppState,
    user: &User,
    kode: &str,
    input: &KoreksiJpInput,
) -> Result<KoreksiJp> {
    user.require_admin()?;
    let g = program_for(st, user, kode).await?;
    let (jp, alasan) = input.validate().map_err(AppError::Invalid)?;
    Ok(st
        .db
        .program_koreksi_jp(&user.actor(), &g, jp, &alasan)
        .await?)
}

/// A stored program as form input (for the edit form).
pub async fn input_of(st: &AppState, g: &ProgramRow) -> Result<ProgramInput> {
    let org = st.db.org_index().await?;
    let opd: Vec<String> = st
        .db
        .program_opd(g.program_id)
        .await?
        .into_iter()
        .filter_map(|id| org.get(id).map(|o| o.kode.clone()))
        .collect();
    let lembaga = match g.lembaga_id {
        Some(id) => st.db.lembaga_by_id(id).await?.kode,
        None => String::new(),
    };
    Ok(ProgramInput {
        kode: g.kode.clone(),
        nama: g.nama.clone(),
        jalur: g.jalur.to_string(),
        bentuk: if g.klasikal {
            "klasikal"
        } else {
            "nonklasikal"
        }
        .into(),
        penyelenggara: g.penyelenggara.clone(),
        lembaga,
        kompetensi: g.kompetensi.clone().unwrap_or_default(),
        jp: g.jp.to_string(),
        biaya: g.biaya.to_string(),
        kuota: g.kuota.map(|k| k.to_string()).unwrap_or_default(),
        sasaran_jabatan: g.sasaran_jabatan.clone().unwrap_or_default(),
        opd: opd.join(","),
        mulai: g.mulai.to_string(),
        selesai: g.selesai.to_string(),
        min_hadir_persen: g.min_hadir_persen.to_string(),
        min_nilai_post: g.min_nilai_post.to_string(),
    })
}

/// Query parameters of the catalogue page, its export and the API list.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct KatalogQuery {
    /// Part of the code or name.
    #[serde(default)]
    pub q: String,
    /// JP year (of the last day).
    #[serde(default)]
    pub tahun: String,
    /// SIASN jalur id or code.
    #[serde(default)]
    pub jalur: String,
    /// `klasikal` / `nonklasikal`.
    #[serde(default)]
    pub bentuk: String,
    /// Institution code.
    #[serde(default)]
    pub lembaga: String,
    /// `akan_datang` / `berlangsung` / `selesai`.
    #[serde(default)]
    pub status: String,
    /// Sort key: `mulai`, `kode`, `nama`, `jalur`, `jp`, `biaya`.
    #[serde(default)]
    pub sort: String,
    /// `1` for descending.
    #[serde(default)]
    pub desc: String,
    /// Page (1-based).
    #[serde(default)]
    pub page: Option<u32>,
    /// Page size.
    #[serde(default)]
    pub per_page: Option<u32>,
}

impl KatalogQuery {
    /// The storage filter for `user`: an institution's staff see only their own programs. An
    /// unknown institution code matches nothing (rather than being ignored).
    pub async fn filter(&self, st: &AppState, user: &User) -> Result<ProgramFilter> {
        let lembaga_id = match self.lembaga.trim() {
            "" => None,
            k => Some(match st.db.lembaga_by_kode(k).await {
                Ok(l) => l.lembaga_id,
                Err(bangkom_db::DbError::NotFound) => -1,
                Err(e) => return Err(e.into()),
            }),
        };
        Ok(ProgramFilter {
            q: self.q.clone(),
            tahun: self.tahun.trim().parse().ok(),
            jalur: bangkom_core::jp::Jalur::parse(&self.jalur)
                .ok()
                .map(bangkom_core::jp::Jalur::id),
            klasikal: match self.bentuk.trim() {
                "klasikal" => Some(true),
                "nonklasikal" => Some(false),
                _ => None,
            },
            lembaga_id,
            hanya_lembaga: (user.role == Role::Lembaga).then(|| user.lembaga_id.unwrap_or(-1)),
            status: StatusProgram::parse(&self.status),
            hari_ini: Some(crate::html::survei::today_wib()),
            urut: UrutProgram::parse(&self.sort),
            desc: self.desc == "1",
            page: self.page.unwrap_or(1),
            per_page: self.per_page.unwrap_or(50),
        })
    }
}
