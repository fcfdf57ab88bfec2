//! The seed's story in a browser, on the real demo: `bangkom demo` loads the Jambi data set,
//! `bangkom serve` runs, and an administrator in headless Chromium opens the 2025 ICT bimtek for
//! Disdukcapil front-line staff from the catalogue, follows the link to its impact page and sees
//! the trained and comparison units, a service-time effect near one half with its interval, the
//! verdict in Bahasa Indonesia, the Kirkpatrick levels and the monthly chart (issue 5, "a browser
//! test that opens a program's impact page in the demo").
//!
//! Without Chromium the test is skipped with a message, except under `CI=true`, where it fails.

// Test code: a failed unwrap is a failed test (STYLE: tests may unwrap).
#![allow(clippy::unwrap_used)]

#[path = "../../web/tests/browser/driver.rs"]
#[allow(dead_code)]
mod driver;

use std::process::Stdio;
use std::time::Duration;

use fantoccini::{Client, Locator};

const PASSWORD: &str = "admin-peramban-123";

/// Waits until the server answers on `port` (it migrated and listens).
async fn wait_until_up(port: u16, server: &mut tokio::process::Child) {
    for _ in 0..1200 {
        assert!(
            server.try_wait().unwrap().is_none(),
            "serve exited before it answered"
        );
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("serve never answered on port {port}");
}

/// The text of the element with id `id`.
async fn text_of(c: &Client, id: &str) -> String {
    driver::find(c, id).await.text().await.unwrap()
}

async fn story(c: Client, base: String) -> Result<(), fantoccini::error::CmdError> {
    let c = &c;
    driver::login(c, &base, "admin", PASSWORD, "/").await?;
    c.goto(&format!("{base}/program")).await?;
    let kode = bangkom_demo::program::BIMTEK_TIK;
    c.find(Locator::Css(&format!("a[href='/program/{kode}']")))
        .await?
        .click()
        .await?;
    driver::wait_for_path(c, &format!("/program/{kode}")).await;
    driver::find(c, "tautan-dampak").await.click().await?;
    driver::wait_for_path(c, &format!("/program/{kode}/dampak")).await;

    let dilatih = text_of(c, "unit-dilatih").await;
    let pembanding = text_of(c, "unit-pembanding").await;
    assert!(dilatih.contains("15."), "{dilatih}");
    assert!(pembanding.contains("15."), "{pembanding}");
    assert!(!dilatih.contains("tidak ada"), "{dilatih}");

    // The first analysis is service time: the DiD ratio of medians, near one half in the demo.
    let efek = c
        .find(Locator::Css("section.dampak .efek"))
        .await?
        .text()
        .await?;
    let ratio: f64 = efek.trim().replace(',', ".").parse().unwrap_or(f64::NAN);
    assert!(ratio > 0.3 && ratio < 0.75, "effect {efek}");
    let verdict = c
        .find(Locator::Css("section.dampak .verdict"))
        .await?
        .text()
        .await?;
    assert!(verdict.len() > 20, "a plain-language verdict: {verdict}");
    let l4 = text_of(c, "l4").await;
    assert!(!l4.starts_with("belum ada data"), "level 4: {l4}");
    for id in ["l1", "l2", "l3"] {
        assert!(!text_of(c, id).await.is_empty(), "{id}");
    }
    let charts = c.find_all(Locator::Css("main svg")).await?;
    assert!(!charts.is_empty(), "the monthly chart is drawn");
    Ok(())
}

#[tokio::test]
async fn the_demo_ict_program_shows_its_impact_in_the_browser() {
    let Some(browser) = driver::launch().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("bangkom.db").display()
    );
    let bin = env!("CARGO_BIN_EXE_bangkom");
    let out = tokio::process::Command::new(bin)
        .args(["--db", &url, "demo"])
        .output()
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "demo: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let port = driver::free_port();
    let mut server = tokio::process::Command::new(bin)
        .args([
            "--db",
            &url,
            "serve",
            "--addr",
            &format!("127.0.0.1:{port}"),
        ])
        .env("BANGKOM_ADMIN_PASSWORD", PASSWORD)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    wait_until_up(port, &mut server).await;

    let result = tokio::spawn(story(
        browser.client.clone(),
        format!("http://127.0.0.1:{port}"),
    ))
    .await;
    browser.close().await;
    let _ = server.kill().await;
    match result {
        Ok(r) => r.expect("browser story"),
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(e) => panic!("browser story: {e}"),
    }
}
