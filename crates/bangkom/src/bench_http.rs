//! The HTTP half of `bangkom bench --skm N` (issue 3 "Figures to reach"): the real server started
//! in this process on a free port with the survey rate limit off, driven by reqwest clients in the
//! same process (so client and server share the machine's cores):
//! - `POST /api/v1/skm/responses` from `konkuren` connections, each request durable before its
//!   `201` (group commit): responses/s, p50 and p99 latency; afterwards the number of stored
//!   responses must have grown by exactly the number acknowledged;
//! - the citizen's path, GET the public form then POST it, from 32 respondents: completed
//!   responses/s and p50/p99 per respondent.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use anyhow::{Context, Result, ensure};
use bangkom_core::skm::Unsur;
use bangkom_db::Db;
use bangkom_web::{AppState, Application, Config};

/// Latency percentile (ms) of sorted samples.
fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or(0.0)
}

fn body(unit: &str, i: usize) -> String {
    let mut j = serde_json::Map::new();
    for (k, u) in Unsur::ALL.iter().enumerate() {
        let x = (i * 31 + k * 17) % 23;
        if x != 0 {
            j.insert(u.code().to_string(), serde_json::json!(1 + x % 4));
        }
    }
    let layanan = ["kk", "ktp", "akta"][i % 3];
    let jk = ["L", "P"][i % 2];
    serde_json::json!({"unit": unit, "layanan": layanan, "umur": 20 + i % 50,
        "jenis_kelamin": jk, "jawaban": j})
    .to_string()
}

/// Runs `total` requests from `workers` tasks through `one(client, i)`; returns the wall time
/// and the sorted latencies in ms.
async fn drive<F, Fut>(workers: usize, total: usize, one: F) -> Result<(f64, Vec<f64>)>
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<()>> + Send,
{
    let next = Arc::new(AtomicUsize::new(0));
    let one = Arc::new(one);
    let t = Instant::now();
    let tasks: Vec<_> = (0..workers)
        .map(|_| {
            let (next, one) = (Arc::clone(&next), Arc::clone(&one));
            tokio::spawn(async move {
                let mut lat = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= total {
                        break;
                    }
                    let s = Instant::now();
                    one(i).await?;
                    lat.push(s.elapsed().as_secs_f64() * 1000.0);
                }
                Ok::<_, anyhow::Error>(lat)
            })
        })
        .collect();
    let mut all = Vec::with_capacity(total);
    for task in tasks {
        all.extend(task.await??);
    }
    let secs = t.elapsed().as_secs_f64();
    all.sort_by(f64::total_cmp);
    Ok((secs, all))
}

/// The HTTP figures over `db` (already loaded), with `units` the service-unit codes.
pub async fn run(db: &Db, units: &[String], total: usize, konkuren: usize) -> Result<()> {
    ensure!(!units.is_empty(), "tidak ada unit layanan");
    let config = Config {
        survey_per_minute: 0,
        ..Config::default()
    };
    let app = Application::build("127.0.0.1:0", AppState::new(db.clone(), config)).await?;
    let base = format!("http://{}", app.local_addr()?);
    tokio::spawn(app.run(false));
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(konkuren)
        .build()?;
    let url = format!("{base}/api/v1/skm/responses");
    let units: Arc<Vec<String>> = Arc::new(units.to_vec());

    let post = {
        let (client, url, units) = (client.clone(), url.clone(), Arc::clone(&units));
        move |i: usize| {
            let (client, url) = (client.clone(), url.clone());
            let b = body(&units[i % units.len()], i);
            async move {
                let r = client
                    .post(&url)
                    .header("content-type", "application/json")
                    .body(b)
                    .send()
                    .await?;
                ensure!(
                    r.status() == reqwest::StatusCode::CREATED,
                    "kiriman {i}: {}",
                    r.status()
                );
                Ok(())
            }
        }
    };
    // Warm-up: connections, statement caches, the organisation index.
    drive(konkuren, konkuren * 20, post.clone()).await?;
    let before = db.skm_count().await?;
    let (secs, lat) = drive(konkuren, total, post).await?;
    let stored = db.skm_count().await? - before;
    ensure!(
        stored == i64::try_from(total)?,
        "{total} kiriman diakui tetapi {stored} tersimpan"
    );
    println!(
        "HTTP POST /api/v1/skm/responses, {konkuren} koneksi: {total} kiriman dalam {secs:.1} s = {:.0}/detik; p50 {:.2} ms, p99 {:.2} ms, maks {:.1} ms (semua {stored} tersimpan)",
        total as f64 / secs.max(1e-9),
        pct(&lat, 0.5),
        pct(&lat, 0.99),
        lat.last().copied().unwrap_or(0.0),
    );

    // The citizen's path: GET the form (sets the form-token cookie), then POST it.
    let respondents = 32;
    let clients: Arc<Vec<reqwest::Client>> = Arc::new(
        (0..respondents)
            .map(|_| {
                reqwest::Client::builder()
                    .cookie_store(true)
                    .redirect(reqwest::redirect::Policy::none())
                    .build()
            })
            .collect::<std::result::Result<_, _>>()?,
    );
    let n_form = (total / 5).max(respondents);
    let form = move |i: usize| {
        let c = clients[i % clients.len()].clone();
        let page = format!("{base}/survei/{}", units[i % units.len()]);
        async move {
            let html = c.get(&page).send().await?.text().await?;
            let key = "name=\"token\" value=\"";
            let start = html.find(key).context("token formulir tidak ada")? + key.len();
            let token = html
                .get(start..)
                .and_then(|s| s.split('"').next())
                .unwrap_or("")
                .to_string();
            let mut f: Vec<(&str, String)> = vec![
                ("token", token),
                ("website", String::new()),
                ("layanan", "kk".into()),
                ("jenis_kelamin", "P".into()),
                ("umur", "35".into()),
            ];
            for (k, u) in Unsur::ALL.iter().enumerate() {
                f.push((u.code(), (1 + (i + k) % 4).to_string()));
            }
            let r = c.post(&page).form(&f).send().await?;
            ensure!(
                r.status() == reqwest::StatusCode::SEE_OTHER,
                "formulir {i}: {}",
                r.status()
            );
            Ok(())
        }
    };
    let before = db.skm_count().await?;
    let (secs, lat) = drive(respondents, n_form, form).await?;
    let stored = db.skm_count().await? - before;
    ensure!(
        stored == i64::try_from(n_form)?,
        "{n_form} formulir, {stored} tersimpan"
    );
    println!(
        "jalur warga (GET formulir + POST), {respondents} responden: {n_form} respons dalam {secs:.1} s = {:.0}/detik; p50 {:.2} ms, p99 {:.2} ms per responden",
        n_form as f64 / secs.max(1e-9),
        pct(&lat, 0.5),
        pct(&lat, 0.99),
    );
    Ok(())
}
