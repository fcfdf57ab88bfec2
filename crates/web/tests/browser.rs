//! Browser stories in headless Chromium (through chromedriver and fantoccini): an administrator
//! logs in, adds an employee with a wrong NIP, sees the message beside the field, corrects it,
//! lands on the detail page and finds the new employee in the list; and the participation story
//! of `browser/program.rs` (nominate, approve, attendance, post-test, certificate, own JP); and
//! `browser/survei.rs`, a citizen filling the public survey on a phone-sized screen.
//!
//! Without /usr/bin/chromium or /usr/bin/chromedriver the test is skipped with a message, except
//! under `CI=true`, where it fails. With `BANGKOM_SCREENSHOT=1` it saves a screenshot of the list
//! to `docs/screenshot-pegawai.png` (for the README).

#[path = "http/common.rs"]
#[allow(dead_code)]
mod common;
#[path = "browser/driver.rs"]
#[allow(dead_code)]
mod driver;
#[path = "browser/program.rs"]
mod program;
#[path = "browser/survei.rs"]
mod survei;

use std::path::Path;
use std::time::Duration;

use driver::{find, launch, type_into, wait_for_path};
use fantoccini::{Client, Locator};

/// Starts the app, chromedriver and a headless Chromium, and runs `story` in it; skipped without
/// Chromium (an error under CI).
async fn run_story<F, Fut>(story: F)
where
    F: FnOnce(Client, std::sync::Arc<common::TestApp>) -> Fut,
    Fut: std::future::Future<Output = Result<(), fantoccini::error::CmdError>> + Send + 'static,
{
    let Some(browser) = launch().await else {
        return;
    };
    let app = std::sync::Arc::new(common::spawn_app().await);
    let c = browser.client.clone();
    // The story runs as its own task so that a failed assertion still ends the browser session
    // (closing Chromium) before the test reports it.
    let result = tokio::spawn(story(c, app.clone())).await;
    browser.close().await;
    match result {
        Ok(r) => r.expect("browser story"),
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(e) => panic!("browser story: {e}"),
    }
}

#[tokio::test]
async fn admin_adds_an_employee_fixes_the_nip_and_finds_it_in_the_list() {
    run_story(|c, app| async move {
        let unit = app.record(&app.nips_a[0]).unit.clone();
        story(c, app, unit).await
    })
    .await;
}

#[tokio::test]
async fn operator_nominates_admin_approves_and_the_certificate_verifies() {
    run_story(program::story).await;
}

#[tokio::test]
async fn a_citizen_fills_the_survey_on_a_phone_and_it_is_counted() {
    run_story(survei::story).await;
}

async fn story(
    c: Client,
    app: std::sync::Arc<common::TestApp>,
    unit: String,
) -> Result<(), fantoccini::error::CmdError> {
    let c = &c;
    let unit = unit.as_str();
    // Log in.
    c.goto(&format!("{}/login", app.base)).await?;
    type_into(c, "username", "admin").await;
    type_into(c, "password", common::PASSWORD).await;
    c.find(Locator::Css("form[action='/login'] button[type=submit]"))
        .await?
        .click()
        .await?;
    wait_for_path(c, "/").await;

    // The list, then "Tambah pegawai".
    c.goto(&format!("{}/pegawai", app.base)).await?;
    c.find(Locator::LinkText("Tambah pegawai"))
        .await?
        .click()
        .await?;
    wait_for_path(c, "/pegawai/baru").await;

    // A woman born 1990-05-17: digit 15 of her NIP is 2 (REFERENCE §5.1). First 17 digits only.
    let nama = "Siti Peramban Uji";
    let good_nip = "199005172015032077";
    type_into(c, "nip", &good_nip[..17]).await;
    type_into(c, "nama", nama).await;
    find(c, "jenis_kelamin").await.select_by_value("P").await?;
    c.execute(
        "document.getElementById('tanggal_lahir').value = '1990-05-17';\
         document.getElementById('tmt_jabatan').value = '2020-01-01';",
        vec![],
    )
    .await?;
    find(c, "jenis_asn").await.select_by_value("PNS").await?;
    type_into(c, "golongan", "III/a").await;
    find(c, "jenis_jabatan")
        .await
        .select_by_value("pelaksana")
        .await?;
    type_into(c, "jabatan", "Pengadministrasi Umum").await;
    find(c, "unit").await.select_by_value(unit).await?;
    find(c, "simpan").await.click().await?;

    // The message beside the NIP, and what was typed is still there.
    let err = find(c, "nip-err").await;
    let msg = err.text().await?;
    assert!(msg.contains("NIP harus 18 digit angka"), "{msg}");
    let kept = find(c, "nama").await.prop("value").await?;
    assert_eq!(kept.as_deref(), Some(nama));

    // Fix the NIP and save: the detail page.
    type_into(c, "nip", good_nip).await;
    find(c, "simpan").await.click().await?;
    wait_for_path(c, &format!("/pegawai/{good_nip}")).await;
    let body = c.find(Locator::Css("main")).await?.text().await?;
    assert!(body.contains(nama), "{body}");

    // Search for it in the list.
    c.goto(&format!("{}/pegawai", app.base)).await?;
    type_into(c, "q", nama).await;
    c.find(Locator::Css("form.filters button[type=submit]"))
        .await?
        .click()
        .await?;
    // The click starts a navigation: until the result page has loaded, the table found may be
    // the old page's and go stale under our hands, so wait for the new URL and retry on errors.
    let mut table = String::new();
    for _ in 0..100 {
        let searched = c
            .current_url()
            .await
            .is_ok_and(|u| u.query().is_some_and(|q| q.contains("q=")));
        if searched
            && let Ok(el) = c.find(Locator::Id("daftar-pegawai")).await
            && let Ok(t) = el.text().await
        {
            table = t;
            if table.contains(nama) {
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(table.contains(nama), "{table}");
    assert!(table.contains(good_nip), "{table}");

    if std::env::var("BANGKOM_SCREENSHOT").is_ok_and(|v| v == "1") {
        c.goto(&format!("{}/pegawai", app.base)).await?;
        find(c, "daftar-pegawai").await;
        let png = c.screenshot().await?;
        let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshot-pegawai.png");
        if let Some(dir) = out.parent() {
            std::fs::create_dir_all(dir).expect("docs dir");
        }
        std::fs::write(&out, png).expect("write screenshot");
        eprintln!("tangkapan layar: {}", out.display());
    }
    Ok(())
}
