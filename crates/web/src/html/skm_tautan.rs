//! Survey links and QR codes for the counter (issue 3 §2: "a link and a QR code (PNG and SVG) per
//! unit and service; a kiosk mode"): an operator picks one of their service units and gets the
//! page's address, the kiosk address and, per service type, the codes to print.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::{Nav, render};
use crate::auth::User;
use crate::error::{AppError, Result};
use crate::state::AppState;

/// One printable code: what it opens, and the paths of its images.
pub struct Kode {
    label: String,
    url: String,
    svg: String,
    png: String,
}

#[derive(Template)]
#[template(path = "skm/tautan.html")]
struct TautanPage {
    nav: Nav,
    units: Vec<(String, String)>,
    unit: String,
    nama: String,
    qr: String,
    kode: Vec<Kode>,
}

/// `?unit=KODE`
#[derive(Debug, Default, Deserialize)]
pub struct TautanQuery {
    #[serde(default)]
    unit: String,
}

/// The codes of unit `kode` whose survey page is at `base/survei/kode`.
fn codes(base: &str, kode: &str) -> Vec<Kode> {
    let mut out = vec![
        code(base, kode, "Semua layanan", ""),
        code(base, kode, "Mode kios (tablet di loket)", "kiosk=1"),
    ];
    out.extend(
        super::survei::LAYANAN
            .iter()
            .map(|(l, nama)| code(base, kode, nama, &format!("layanan={l}"))),
    );
    out
}

fn code(base: &str, kode: &str, label: &str, query: &str) -> Kode {
    let q = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    Kode {
        label: label.to_string(),
        url: format!("{base}/survei/{kode}{q}"),
        svg: format!("/survei/{kode}/qr.svg{q}"),
        png: format!("/survei/{kode}/qr.png{q}"),
    }
}

/// `GET /skm/tautan[?unit=KODE]`
pub async fn page(
    State(st): State<AppState>,
    user: User,
    headers: HeaderMap,
    Query(q): Query<TautanQuery>,
) -> Result<Response> {
    user.require_write()?;
    let org = st.db.org_index().await?;
    let units = super::pilihan_unit_layanan(&org, &user);
    let kode = q.unit.trim();
    let (nama, qr, kode_list) = if kode.is_empty() {
        (String::new(), String::new(), Vec::new())
    } else {
        let unit = super::unit_layanan(&org, &user)
            .into_iter()
            .find(|o| o.kode == kode)
            .ok_or(AppError::NotFound)?;
        let base = super::qr::base_url(&st, &headers);
        let list = codes(&base, &unit.kode);
        let qr = super::qr::svg(&list[0].url, 240)?;
        (org.label(unit.org_id), qr, list)
    };
    let p = TautanPage {
        nav: Nav::of(&user, "skm"),
        units,
        unit: kode.to_string(),
        nama,
        qr,
        kode: kode_list,
    };
    Ok(render(&p)?.into_response())
}
