//! Storing one citizen's questionnaire, shared by the public page (`POST /survei/{kode}`) and
//! the API (`POST /api/v1/skm/responses`): the unit's survey definition decides the local
//! questions and whether a token is required; a token is consumed in the response's own
//! transaction (one service transaction, at most one response; issue 3 §2). Valid submissions go
//! through the group commit ([`crate::antrean`]).

use bangkom_core::error::{FieldError, ValidationErrors};
use bangkom_core::skm::{Definisi, Kuesioner, KuesionerInput, TokenDitolak, normalisasi_token};
use bangkom_db::org::OrgRow;
use bangkom_db::skm::ResponsValues;
use bangkom_db::skm_survei::Kiriman;

use crate::auth;
use crate::error::AppError;
use crate::state::AppState;

/// What was submitted besides the standard questionnaire.
pub struct Tambahan<'a, F: Fn(&str) -> Option<&'a str>> {
    /// The single-use token as typed (may be empty).
    pub token: &'a str,
    /// Field name to report token errors on (`t` on the page, `token` on the API).
    pub token_field: &'static str,
    /// A local answer's raw value by question code.
    pub lokal: F,
}

/// Validates and stores; the stored response's id, or every field error (token refusals
/// included, on `token_field`).
///
/// # Errors
/// Storage failures.
pub async fn kirim<'a, F: Fn(&str) -> Option<&'a str>>(
    st: &AppState,
    unit: &OrgRow,
    def: &Definisi,
    input: &KuesionerInput,
    extra: Tambahan<'a, F>,
) -> Result<Result<i64, ValidationErrors>, AppError> {
    let today = super::survei::today_wib();
    let mut errs = ValidationErrors::default();
    let k = Kuesioner::validate(input, today)
        .map_err(|e| e.0.into_iter().for_each(|f| errs.push(f)))
        .ok();
    let lokal = def
        .jawaban_lokal(extra.lokal)
        .map_err(|e| e.0.into_iter().for_each(|f| errs.push(f)))
        .ok();
    let token = normalisasi_token(extra.token);
    if token.is_empty() && def.token_wajib {
        errs.push(FieldError::new(
            extra.token_field,
            TokenDitolak::Wajib.pesan(),
        ));
    }
    let (Some(k), Some(lokal)) = (k, lokal) else {
        return Ok(Err(errs));
    };
    if !errs.is_empty() {
        return Ok(Err(errs));
    }
    let v = ResponsValues {
        k,
        unit_id: unit.org_id,
    };
    let token_hash = (!token.is_empty()).then(|| auth::token_hash(&token));
    // Validated above; stored by the group commit, answered once durably committed.
    Ok(st
        .antrean
        .kirim(Kiriman {
            v,
            token_hash,
            lokal,
        })
        .await?
        .map_err(|r| ValidationErrors::single(extra.token_field, r.pesan())))
}
