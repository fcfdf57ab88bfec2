//! The class screens of the administrator and of the organising institution's staff: attendance of one session (a checkbox per approved
//! participant, one submit for the whole class) and the pre-/post-test scores (two number fields
//! per participant, one submit). A refused submit re-renders the screen with what was entered.

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use bangkom_core::error::ValidationErrors;
use bangkom_core::peserta::StatusPeserta;
use bangkom_db::program::ProgramRow;

use super::program::url_path;
use super::{Nav, render};
use crate::auth::User;
use crate::error::{AppError, Result};
use crate::peserta::{self as aksi, NilaiInput};
use crate::state::AppState;

struct Orang {
    nip: String,
    nama: String,
    hadir: bool,
    pre: String,
    post: String,
    galat: String,
}

#[derive(Template)]
#[template(path = "program/hadir.html")]
struct HadirPage {
    nav: Nav,
    csrf: String,
    g: ProgramRow,
    sesi_id: i64,
    sesi: String,
    orang: Vec<Orang>,
    galat: Vec<String>,
}

#[derive(Template)]
#[template(path = "program/nilai.html")]
struct NilaiPage {
    nav: Nav,
    csrf: String,
    g: ProgramRow,
    orang: Vec<Orang>,
    galat: Vec<String>,
}

/// The approved participants of a program (the class), by name.
async fn kelas(st: &AppState, user: &User, g: &ProgramRow) -> Result<Vec<Orang>> {
    Ok(st
        .db
        .peserta_list(g.program_id, &aksi::peserta_scope(user, g))
        .await?
        .into_iter()
        .filter(|r| r.status() == StatusPeserta::Disetujui)
        .map(|r| Orang {
            pre: r.nilai_pre.map(|n| n.to_string()).unwrap_or_default(),
            post: r.nilai_post.map(|n| n.to_string()).unwrap_or_default(),
            nip: r.nip,
            nama: r.nama,
            hadir: false,
            galat: String::new(),
        })
        .collect())
}

async fn hadir_page(
    st: &AppState,
    user: &User,
    kode: &str,
    sesi_id: i64,
    centang: Option<&[String]>,
    galat: Vec<String>,
    status: StatusCode,
) -> Result<Response> {
    let g = aksi::program_for(st, user, kode).await?;
    if !aksi::boleh_kelola(user, &g) {
        return Err(AppError::Forbidden);
    }
    let sesi = st
        .db
        .sesi_list(g.program_id)
        .await?
        .into_iter()
        .find(|x| x.sesi_id == sesi_id)
        .ok_or(AppError::NotFound)?;
    let tercatat = st.db.hadir_nip(sesi_id).await?;
    let centang = centang.unwrap_or(&tercatat);
    let mut orang = kelas(st, user, &g).await?;
    for o in &mut orang {
        o.hadir = centang.contains(&o.nip);
    }
    let page = HadirPage {
        nav: Nav::of(user, "program"),
        csrf: user.csrf().to_string(),
        sesi_id,
        sesi: format!(
            "{} · {}–{} · {}",
            sesi.tanggal,
            sesi.jam_mulai,
            sesi.jam_selesai,
            sesi.tempat.or(sesi.tautan).unwrap_or_default()
        ),
        orang,
        galat,
        g,
    };
    Ok((status, render(&page)?).into_response())
}

/// `GET /program/{kode}/sesi/{sesi}/hadir`
pub async fn hadir_form(
    State(st): State<AppState>,
    user: User,
    Path((kode, sesi_id)): Path<(String, i64)>,
) -> Result<Response> {
    hadir_page(&st, &user, &kode, sesi_id, None, Vec::new(), StatusCode::OK).await
}

/// Pairs of a form with repeated names (`hadir=NIP&hadir=NIP…`).
type Pairs = Vec<(String, String)>;

fn csrf_of(pairs: &Pairs) -> &str {
    pairs
        .iter()
        .find(|(k, _)| k == "csrf")
        .map_or("", |(_, v)| v.as_str())
}

/// `POST /program/{kode}/sesi/{sesi}/hadir`: `hadir` once per present NIP.
pub async fn hadir_submit(
    State(st): State<AppState>,
    user: User,
    Path((kode, sesi_id)): Path<(String, i64)>,
    Form(pairs): Form<Pairs>,
) -> Result<Response> {
    user.check_csrf(csrf_of(&pairs))?;
    let nips: Vec<String> = pairs
        .iter()
        .filter(|(k, _)| k == "hadir")
        .map(|(_, v)| v.trim().to_string())
        .collect();
    match aksi::hadir(&st, &user, &kode, sesi_id, &nips).await {
        Ok(_) => {
            Ok(Redirect::to(&format!("/program/{}?pesan=hadir", url_path(&kode))).into_response())
        }
        Err(AppError::Invalid(v)) => {
            let galat = v.iter().map(|f| f.message.clone()).collect();
            hadir_page(
                &st,
                &user,
                &kode,
                sesi_id,
                Some(&nips),
                galat,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

async fn nilai_page(
    st: &AppState,
    user: &User,
    kode: &str,
    isian: Option<&BTreeMap<String, (String, String)>>,
    errs: &ValidationErrors,
    status: StatusCode,
) -> Result<Response> {
    let g = aksi::program_for(st, user, kode).await?;
    if !aksi::boleh_kelola(user, &g) {
        return Err(AppError::Forbidden);
    }
    let mut orang = kelas(st, user, &g).await?;
    for o in &mut orang {
        if let Some((pre, post)) = isian.and_then(|m| m.get(&o.nip)) {
            o.pre.clone_from(pre);
            o.post.clone_from(post);
        }
        let (pre, post) = (format!("pre.{}", o.nip), format!("post.{}", o.nip));
        let msgs: Vec<&str> = errs
            .messages_for(&pre)
            .chain(errs.messages_for(&post))
            .collect();
        o.galat = msgs.join("; ");
    }
    let galat = errs
        .iter()
        .filter(|f| !f.field.starts_with("pre.") && !f.field.starts_with("post."))
        .map(|f| f.message.clone())
        .collect();
    let page = NilaiPage {
        nav: Nav::of(user, "program"),
        csrf: user.csrf().to_string(),
        orang,
        galat,
        g,
    };
    Ok((status, render(&page)?).into_response())
}

/// `GET /program/{kode}/nilai`
pub async fn nilai_form(
    State(st): State<AppState>,
    user: User,
    Path(kode): Path<String>,
) -> Result<Response> {
    nilai_page(
        &st,
        &user,
        &kode,
        None,
        &ValidationErrors::new(),
        StatusCode::OK,
    )
    .await
}

/// `POST /program/{kode}/nilai`: fields `pre.NIP` and `post.NIP` (empty = none).
pub async fn nilai_submit(
    State(st): State<AppState>,
    user: User,
    Path(kode): Path<String>,
    Form(pairs): Form<Pairs>,
) -> Result<Response> {
    user.check_csrf(csrf_of(&pairs))?;
    let mut isian: BTreeMap<String, (String, String)> = BTreeMap::new();
    for (k, v) in &pairs {
        if let Some(nip) = k.strip_prefix("pre.") {
            isian.entry(nip.to_string()).or_default().0.clone_from(v);
        } else if let Some(nip) = k.strip_prefix("post.") {
            isian.entry(nip.to_string()).or_default().1.clone_from(v);
        }
    }
    // Text that is not a whole number is refused here, before any range check.
    let mut errs = ValidationErrors::new();
    let mut rows = Vec::new();
    for (nip, (pre, post)) in &isian {
        let mut num = |kind: &str, s: &str| -> Option<i64> {
            let t = s.trim();
            if t.is_empty() {
                return None;
            }
            t.parse::<i64>()
                .map_err(|_| {
                    errs.add(
                        format!("{kind}.{nip}"),
                        format!("nilai {kind}-test {nip} harus bilangan bulat 0–100"),
                    );
                })
                .ok()
        };
        let pre = num("pre", pre);
        let post = num("post", post);
        rows.push(NilaiInput {
            nip: nip.clone(),
            pre,
            post,
        });
    }
    let result = if errs.is_empty() {
        aksi::nilai(&st, &user, &kode, &rows).await.map(|_| ())
    } else {
        Err(AppError::Invalid(errs))
    };
    match result {
        Ok(()) => {
            Ok(Redirect::to(&format!("/program/{}?pesan=nilai", url_path(&kode))).into_response())
        }
        Err(AppError::Invalid(v)) => {
            nilai_page(
                &st,
                &user,
                &kode,
                Some(&isian),
                &v,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e),
    }
}
