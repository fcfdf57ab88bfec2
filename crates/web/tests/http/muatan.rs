//! Load test of the group commit (issue 3 "Tests that must exist": every acknowledged response is
//! stored). Rounds of 64 concurrent `POST /api/v1/skm/responses` — mixed with invalid bodies, one
//! token sent by eight requests of the same round and public-form submissions — against the real server:
//! afterwards the stored web responses are exactly the acknowledged ones (same ids, same answers),
//! refused ones left nothing behind, and the maintained IKM aggregates equal a full scan.

// Test code: a failed unwrap is a failed test (STYLE: tests may unwrap).
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::sync::Arc;

use bangkom_core::skm::{Unsur, kode_token};
use bangkom_web::Config;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::skm::spawn;

const ROUNDS: usize = 4;
const CONCURRENT: usize = 64;

/// Deterministic answers of submission `i` (some unanswered), in `Unsur::ALL` order.
fn answers(i: usize) -> [Option<i64>; 9] {
    std::array::from_fn(|k| {
        let x = (i * 31 + k * 17) % 23;
        (x != 0).then(|| i64::try_from(1 + x % 4).unwrap())
    })
}

fn body(unit: &str, i: usize, token: Option<&str>) -> Value {
    let jawaban: serde_json::Map<String, Value> = Unsur::ALL
        .iter()
        .zip(answers(i))
        .filter_map(|(u, a)| a.map(|a| (u.code().to_string(), json!(a))))
        .collect();
    let mut b = json!({"unit": unit, "layanan": "kk", "umur": 20 + i % 50, "jawaban": jawaban});
    if let Some(t) = token {
        b["token"] = json!(t);
    }
    b
}

/// What one concurrent request did.
enum Hasil {
    /// 201 with the id, for submission `i`.
    Api(i64, usize),
    /// A refused body or token: 422.
    Ditolak,
    /// The public form answered with the thank-you redirect.
    Form,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_acknowledged_submission_is_stored_and_nothing_else() {
    let app = Arc::new(
        spawn(Config {
            survey_per_minute: 0,
            ..Config::default()
        })
        .await,
    );
    let org = app.db.org_index().await.unwrap();
    let unit_id = org.by_kode(&app.unit).unwrap().org_id;
    let api = reqwest::Client::new();
    let url = app.url("/api/v1/skm/responses");
    let mut acked: BTreeMap<i64, usize> = BTreeMap::new();
    let (mut refused, mut forms) = (0, 0);
    for round in 0..ROUNDS {
        // One token per round, sent by eight requests of the round: exactly one may be stored.
        let code = kode_token(u64::try_from(round + 1).unwrap().to_le_bytes());
        let hash = bangkom_web::auth::token_hash(&code);
        app.db
            .skm_token_terbit(
                &hash,
                unit_id,
                None,
                None,
                bangkom_db::now() + time::Duration::hours(1),
            )
            .await
            .unwrap();
        let tasks: Vec<_> = (0..CONCURRENT)
            .map(|k| {
                let i = round * CONCURRENT + k;
                let (api, url, unit, code) =
                    (api.clone(), url.clone(), app.unit.clone(), code.clone());
                let app = Arc::clone(&app);
                tokio::spawn(async move {
                    match k % 16 {
                        // An answer of 5 (REFERENCE §0.2: 1..4 only) and an unknown unit: 422.
                        3 => {
                            let mut b = body(&unit, i, None);
                            b["jawaban"]["waktu"] = json!(5);
                            let r = api.post(&url).json(&b).send().await.unwrap();
                            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
                            Hasil::Ditolak
                        }
                        5 => {
                            let r = api
                                .post(&url)
                                .json(&body("15.71.99.99", i, None))
                                .send()
                                .await
                                .unwrap();
                            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
                            Hasil::Ditolak
                        }
                        // The public form: GET (cookie token), then POST.
                        7 => {
                            let c = crate::common::client();
                            let token = app.token(&c, "").await;
                            let r = app.post(&c, &token, ["3"; 9], &[]).await;
                            assert_eq!(r.status(), StatusCode::SEE_OTHER);
                            Hasil::Form
                        }
                        // The same single-use token, by eight requests of the round.
                        9 | 10 => {
                            let r = api
                                .post(&url)
                                .json(&body(&unit, i, Some(&code)))
                                .send()
                                .await
                                .unwrap();
                            match r.status() {
                                StatusCode::CREATED => {
                                    let v: Value = r.json().await.unwrap();
                                    Hasil::Api(v["id"].as_i64().unwrap(), i)
                                }
                                s => {
                                    assert_eq!(
                                        s,
                                        StatusCode::UNPROCESSABLE_ENTITY,
                                        "{:?}",
                                        r.text().await
                                    );
                                    Hasil::Ditolak
                                }
                            }
                        }
                        _ => {
                            let r = api
                                .post(&url)
                                .json(&body(&unit, i, None))
                                .send()
                                .await
                                .unwrap();
                            assert_eq!(r.status(), StatusCode::CREATED);
                            let v: Value = r.json().await.unwrap();
                            Hasil::Api(v["id"].as_i64().unwrap(), i)
                        }
                    }
                })
            })
            .collect();
        let mut token_ok = 0;
        for t in tasks {
            match t.await.unwrap() {
                Hasil::Api(id, i) => {
                    if matches!(i % 16, 9 | 10) {
                        token_ok += 1;
                    }
                    assert!(acked.insert(id, i).is_none(), "id {id} acknowledged twice");
                }
                Hasil::Ditolak => refused += 1,
                Hasil::Form => forms += 1,
            }
        }
        assert_eq!(token_ok, 1, "round {round}: one response per token");
    }
    // Per round: 8 invalid bodies, and 7 of the 8 requests sharing the token.
    assert_eq!(
        refused,
        ROUNDS * (2 * CONCURRENT / 16 + 2 * CONCURRENT / 16 - 1)
    );

    // Exactly the acknowledged API responses are stored, with the answers sent; the only other
    // web rows are the form submissions.
    let (from, to) = (
        time::macros::date!(2000 - 01 - 01),
        time::macros::date!(2099 - 12 - 31),
    );
    let mut stored = BTreeMap::new();
    for page in 1.. {
        let rows = app.db.skm_list(None, from, to, page).await.unwrap();
        if rows.is_empty() {
            break;
        }
        for r in &rows {
            assert_eq!(r.sumber, "web");
            stored.insert(r.respons_id, r.jawaban());
        }
    }
    for (id, i) in &acked {
        assert_eq!(stored.get(id), Some(&answers(*i)), "acknowledged id {id}");
    }
    let others: Vec<_> = stored
        .iter()
        .filter(|(id, _)| !acked.contains_key(id))
        .collect();
    assert_eq!(others.len(), forms);
    assert!(others.iter().all(|(_, j)| **j == [Some(3); 9]));
    assert_eq!(
        acked.len() + forms,
        ROUNDS * CONCURRENT - refused,
        "every request is either acknowledged or refused"
    );
    assert_eq!(
        app.db
            .skm_akumulator_per_unit(None, from, to)
            .await
            .unwrap(),
        app.db
            .skm_akumulator_per_unit_scan(None, from, to)
            .await
            .unwrap()
    );
}
