//! Headless Chromium through chromedriver (fantoccini), shared by the browser stories of the web
//! crate and of the binary (`crates/bangkom/tests/browser.rs`, which includes this file by path).
//!
//! Without /usr/bin/chromium or /usr/bin/chromedriver a story is skipped with a message, except
//! under `CI=true`, where that is an error.

use std::path::Path;
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

pub fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// A running chromedriver with one headless Chromium session; both end when it is dropped
/// (call [`Browser::close`] first for a clean end of the session).
pub struct Browser {
    pub client: Client,
    _driver: tokio::process::Child,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Ends the WebDriver session (closing Chromium).
    pub async fn close(&self) {
        let _ = self.client.clone().close().await;
    }
}

/// Starts chromedriver and a session, or None (with a message) when Chromium is not installed;
/// under CI a missing Chromium fails the test.
pub async fn launch() -> Option<Browser> {
    if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
        assert!(
            !ci(),
            "CI=true: {CHROMIUM} dan {CHROMEDRIVER} wajib ada untuk uji peramban"
        );
        eprintln!("LEWATI: uji peramban dilewati — chromium tidak terpasang");
        return None;
    }
    let port = free_port();
    let driver = tokio::process::Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("start chromedriver");
    let profile = tempfile::tempdir().expect("profile dir");
    let client = connect(port, profile.path()).await;
    Some(Browser {
        client,
        _driver: driver,
        _profile: profile,
    })
}

/// Starts a WebDriver session, retrying while chromedriver starts (about 10 s).
async fn connect(port: u16, profile: &Path) -> Client {
    let caps = serde_json::json!({
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--no-first-run", "--disable-default-apps", "--disable-extensions",
                format!("--user-data-dir={}", profile.display()), "--window-size=1280,900"
            ]
        }
    });
    let serde_json::Value::Object(caps) = caps else {
        unreachable!("a JSON object")
    };
    let url = format!("http://127.0.0.1:{port}");
    let mut last = String::new();
    for _ in 0..50 {
        match ClientBuilder::new(HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&url)
            .await
        {
            Ok(c) => return c,
            Err(e) => last = e.to_string(),
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("chromedriver did not answer: {last}");
}

/// Waits (up to ~10 s) until the current URL's path is `path`.
pub async fn wait_for_path(c: &Client, path: &str) {
    let mut now = String::new();
    for _ in 0..100 {
        now = c.current_url().await.expect("url").path().to_string();
        if now == path {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("expected to be on {path}, still on {now}");
}

pub async fn find(c: &Client, id: &str) -> fantoccini::elements::Element {
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("#{id} not found: {e}"))
}

pub async fn type_into(c: &Client, id: &str, text: &str) {
    let e = find(c, id).await;
    e.clear().await.expect("clear");
    e.send_keys(text).await.expect("type");
}

/// Logs `user` in through the login form at `base` and waits to land on `home`.
pub async fn login(
    c: &Client,
    base: &str,
    user: &str,
    password: &str,
    home: &str,
) -> Result<(), fantoccini::error::CmdError> {
    c.delete_all_cookies().await?;
    c.goto(&format!("{base}/login")).await?;
    type_into(c, "username", user).await;
    type_into(c, "password", password).await;
    c.find(Locator::Css("form[action='/login'] button[type=submit]"))
        .await?
        .click()
        .await?;
    wait_for_path(c, home).await;
    Ok(())
}
