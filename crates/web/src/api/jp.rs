//! The yearly JP ledger of a scope (contract of issue 4, shared by `bangkom jp --format json` and
//! `GET /api/v1/jp`): how many PNS reached the target, JP per jalur, and optionally every employee.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Query, State};
use bangkom_core::jp::{AturanJp, Jalur};
use bangkom_core::pegawai::JenisAsn;
use bangkom_core::pengalaman::{hari_berjalan, prakiraan};
use bangkom_db::Db;
use bangkom_db::pegawai::Scope;
use serde::{Deserialize, Serialize};

use crate::auth::ApiUser;
use crate::error::{ApiError, AppError};
use crate::state::AppState;

/// One employee in the detailed ledger.
#[derive(Debug, Serialize)]
pub struct JpBaris {
    /// NIP.
    pub nip: String,
    /// Name.
    pub nama: String,
    /// `PNS` / `PPPK`.
    pub jenis_asn: String,
    /// JP credited in the year.
    pub jp: i64,
    /// JP the employee must reach (PPPK: 0 — their 24 JP is a cap).
    pub target_jp: u32,
    /// Target reached.
    pub memenuhi: bool,
    /// JP projected at the end of the year (see `bangkom_core::pengalaman::prakiraan`).
    pub proyeksi: i64,
    /// Will miss the target at the current pace.
    pub berisiko: bool,
    /// The employee's unit (org id), for per-unit tallies; not part of the JSON contract.
    #[serde(skip)]
    pub unit_id: i64,
}

/// Columns of the `/jp/daftar` list export.
pub const DAFTAR_HEADER: &[&str] = &[
    "nip",
    "nama",
    "jenis_asn",
    "jp",
    "target_jp",
    "memenuhi",
    "proyeksi",
    "berisiko",
];

/// One row of the `/jp/daftar` list export.
pub fn daftar_row(b: &JpBaris) -> Vec<String> {
    let ya = |x: bool| if x { "ya" } else { "tidak" }.to_string();
    vec![
        b.nip.clone(),
        b.nama.clone(),
        b.jenis_asn.clone(),
        b.jp.to_string(),
        b.target_jp.to_string(),
        ya(b.memenuhi),
        b.proyeksi.to_string(),
        ya(b.berisiko),
    ]
}

/// The ledger report (fields may be added, never renamed).
#[derive(Debug, Serialize)]
pub struct JpReport {
    /// Organisation code or `all`.
    pub scope: String,
    /// Calendar year.
    pub tahun: i32,
    /// The PNS target (20 by default, configurable).
    pub target_jp: u32,
    /// PNS in scope (active or on leave): those with the obligation.
    pub pegawai: usize,
    /// PNS at or above the target.
    pub memenuhi: usize,
    /// PNS below it.
    pub belum_memenuhi: usize,
    /// Share meeting it, percent (one decimal), null without PNS.
    pub persen_memenuhi: Option<f64>,
    /// JP credited per jalur (SIASN code `jd01`…`jd25`), all ASN in scope.
    pub jp_per_jalur: BTreeMap<String, i64>,
    /// PPPK in scope.
    pub pppk: usize,
    /// PPPK above their yearly maximum.
    pub pppk_melebihi_maks: usize,
    /// PNS below the target who will miss it at the current pace, counting approved programs
    /// still to come (`bangkom_core::pengalaman::prakiraan`).
    pub berisiko: usize,
    /// With `rinci`: every employee in scope.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pegawai_list: Option<Vec<JpBaris>>,
}

/// Computes the ledger. `scope` is an organisation code (its subtree) or `all`; `user_scope`
/// limits what an operator may see (a scope outside it is "not found").
///
/// # Errors
/// An unknown scope (422), a scope outside the caller's (404), or the database.
pub async fn jp_report(
    db: &Db,
    scope: &str,
    tahun: i32,
    rinci: bool,
    aturan: AturanJp,
    user_scope: &Scope,
) -> Result<JpReport, AppError> {
    if !(2000..=2100).contains(&tahun) {
        return Err(AppError::Invalid(
            bangkom_core::error::ValidationErrors::single("tahun", "tahun harus 2000–2100"),
        ));
    }
    let scope = scope.trim();
    let units = resolve_units(db, scope, user_scope).await?;
    let today = crate::html::survei::today_wib();
    let bangkom_db::rekap::JpKepatuhan {
        pegawai: rows,
        per_jalur,
        terjadwal,
    } = db.jp_kepatuhan(units.as_deref(), tahun, today).await?;
    let (hari_ke, hari_setahun) = hari_berjalan(tahun, today);
    let (mut pns, mut ok, mut pppk, mut over, mut risk) = (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut list = Vec::with_capacity(if rinci { rows.len() } else { 0 });
    for r in rows {
        let asn = JenisAsn::parse(&r.jenis_asn).unwrap_or(JenisAsn::Pns);
        let jp = u32::try_from(r.jp.max(0)).unwrap_or(u32::MAX);
        let memenuhi = aturan.memenuhi(asn, jp);
        let f = prakiraan(
            r.jp,
            terjadwal.get(&r.pegawai_id).copied().unwrap_or(0),
            i64::from(aturan.target(asn)),
            hari_ke,
            hari_setahun,
        );
        risk += usize::from(f.berisiko);
        match asn {
            JenisAsn::Pns => {
                pns += 1;
                ok += usize::from(memenuhi);
            }
            JenisAsn::Pppk => {
                pppk += 1;
                over += usize::from(jp > aturan.maks_pppk);
            }
        }
        if rinci {
            list.push(JpBaris {
                nip: r.nip,
                nama: r.nama,
                jenis_asn: r.jenis_asn,
                jp: r.jp,
                target_jp: aturan.target(asn),
                memenuhi,
                proyeksi: f.proyeksi,
                berisiko: f.berisiko,
                unit_id: r.unit_id,
            });
        }
    }
    let jp_per_jalur = Jalur::all()
        .map(|j| (j.code(), per_jalur.get(&j.id()).copied().unwrap_or(0)))
        .collect();
    #[allow(clippy::cast_precision_loss)]
    let persen = (pns > 0).then(|| (ok as f64 * 1000.0 / pns as f64).round() / 10.0);
    Ok(JpReport {
        scope: if scope.eq_ignore_ascii_case("all") {
            "all".into()
        } else {
            scope.to_string()
        },
        tahun,
        target_jp: aturan.target_pns,
        pegawai: pns,
        memenuhi: ok,
        belum_memenuhi: pns - ok,
        persen_memenuhi: persen,
        jp_per_jalur,
        pppk,
        pppk_melebihi_maks: over,
        berisiko: risk,
        pegawai_list: rinci.then_some(list),
    })
}

/// The org ids a report covers: the subtree of `scope` (or everything for `all`), cut down to an
/// operator's OPDs. A scope wholly outside the caller's is "not found"; employees get 403.
///
/// # Errors
/// Unknown code (422), outside the caller's scope (404), role without reports (403).
pub async fn resolve_units(
    db: &Db,
    scope: &str,
    user_scope: &Scope,
) -> Result<Option<Vec<i64>>, AppError> {
    let org = db.org_index().await?;
    let mut units = if scope.eq_ignore_ascii_case("all") {
        None
    } else {
        let node = org.by_kode(scope).ok_or_else(|| {
            AppError::Invalid(bangkom_core::error::ValidationErrors::single(
                "scope",
                format!("kode organisasi {scope} tidak terdaftar"),
            ))
        })?;
        Some(org.subtree(node.org_id))
    };
    match user_scope {
        Scope::Semua => {}
        Scope::Opd(opds) => {
            let allowed: Vec<i64> = org
                .all()
                .iter()
                .filter(|o| o.opd_id.is_some_and(|i| opds.contains(&i)))
                .map(|o| o.org_id)
                .collect();
            units = Some(match units {
                None => allowed,
                Some(u) => {
                    let inter: Vec<i64> = u.into_iter().filter(|i| allowed.contains(i)).collect();
                    if inter.is_empty() {
                        return Err(AppError::NotFound);
                    }
                    inter
                }
            });
        }
        Scope::Pegawai(_) | Scope::Tidak => return Err(AppError::Forbidden),
    }
    Ok(units)
}

/// Query of the SIASN export.
#[derive(Debug, Deserialize)]
pub struct SiasnQuery {
    scope: String,
    from: String,
    to: String,
    #[serde(default)]
    format: Option<String>,
}

/// `GET /api/v1/siasn/kursus?scope=…&from=…&to=…[&format=csv]`: completed learning as SIASN
/// *riwayat kursus* rows (REFERENCE §3.6), JSON or CSV.
pub async fn siasn(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Query(q): Query<SiasnQuery>,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    let (from, to, _, _, _) = crate::api::skm::parse_params(&q.from, &q.to, None, None, None)?;
    let units = resolve_units(&st.db, q.scope.trim(), &user.scope).await?;
    let rows = st.db.siasn_kursus(units.as_deref(), from, to).await?;
    if q.format.as_deref() == Some("csv") {
        let mut out = Vec::new();
        bangkom_io::write_csv(&mut out, SIASN_HEADER, rows.iter().map(siasn_row))
            .map_err(|e| AppError::Internal(e.to_string()))?;
        return Ok((
            [
                (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    axum::http::header::CONTENT_DISPOSITION,
                    "attachment; filename=\"siasn-kursus.csv\"",
                ),
            ],
            out,
        )
            .into_response());
    }
    Ok(Json(rows).into_response())
}

/// CSV columns of the SIASN export: the JSON field names.
pub const SIASN_HEADER: &[&str] = &[
    "nip",
    "jenisDiklatId",
    "namaKursus",
    "institusiPenyelenggara",
    "nomorSertipikat",
    "jumlahJam",
    "tahunKursus",
    "tanggalKursus",
    "tanggalSelesaiKursus",
];

/// One CSV row of the SIASN export.
pub fn siasn_row(r: &bangkom_db::program::SiasnKursus) -> Vec<String> {
    vec![
        r.nip.clone(),
        r.jenis_diklat_id.to_string(),
        r.nama_kursus.clone(),
        r.institusi_penyelenggara.clone(),
        r.nomor_sertipikat.clone().unwrap_or_default(),
        r.jumlah_jam.to_string(),
        r.tahun_kursus.to_string(),
        r.tanggal_kursus.clone(),
        r.tanggal_selesai_kursus.clone(),
    ]
}

/// Query of the ledger export.
#[derive(Debug, Deserialize)]
pub struct BukuQuery {
    scope: String,
    tahun: i32,
    #[serde(default)]
    format: Option<String>,
}

/// The HTTP response of a ledger export (CSV unless `xlsx`), named after the scope and year.
///
/// # Errors
/// See [`crate::api::jp_buku::buku_file`] and [`resolve_units`].
pub async fn buku_response(
    db: &Db,
    scope: &str,
    tahun: i32,
    xlsx: bool,
    user_scope: &Scope,
) -> Result<axum::response::Response, AppError> {
    use axum::http::header;
    use axum::response::IntoResponse;
    let scope = scope.trim();
    let units = resolve_units(db, scope, user_scope).await?;
    let f = crate::api::jp_buku::buku_file(db, units.as_deref(), tahun, xlsx).await?;
    let (ext, ct) = if xlsx {
        (
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    } else {
        ("csv", "text/csv; charset=utf-8")
    };
    let nama: String = scope
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, ct.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"buku-jp-{nama}-{tahun}.{ext}\""),
            ),
        ],
        f.bytes,
    )
        .into_response())
}

/// `GET /api/v1/jp/buku?scope=…&tahun=…[&format=xlsx]`: every credit of the year in the scope.
pub async fn buku(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Query(q): Query<BukuQuery>,
) -> Result<axum::response::Response, ApiError> {
    let xlsx = q.format.as_deref() == Some("xlsx");
    Ok(buku_response(&st.db, &q.scope, q.tahun, xlsx, &user.scope).await?)
}

/// Query of the endpoint.
#[derive(Debug, Deserialize)]
pub struct JpQuery {
    scope: String,
    tahun: i32,
    #[serde(default)]
    rinci: Option<String>,
}

/// `GET /api/v1/jp?scope=…&tahun=…[&rinci=1]` (logged in; operators see their OPDs only).
pub async fn jp(
    State(st): State<AppState>,
    ApiUser(user): ApiUser,
    Query(q): Query<JpQuery>,
) -> Result<Json<JpReport>, ApiError> {
    let rinci = q.rinci.as_deref().is_some_and(|r| r == "1" || r == "true");
    Ok(Json(
        jp_report(
            &st.db,
            &q.scope,
            q.tahun,
            rinci,
            AturanJp::default(),
            &user.scope,
        )
        .await?,
    ))
}
