//! The test harness: a real server on a free port over a fresh SQLite database loaded with a small
//! part of the demo data set (the province and Kota Jambi), five accounts, and HTTP clients that
//! log in through the real login form.

use std::collections::BTreeMap;

use bangkom_db::audit::Actor;
use bangkom_db::import::ImportOptions;
use bangkom_db::pegawai::Scope;
use bangkom_demo::PegawaiRecord;
use bangkom_io::TableReader;
use bangkom_web::{AppState, Application, Config};
use reqwest::StatusCode;
use reqwest::redirect::Policy;

/// Password of every test account (at least 10 characters).
pub const PASSWORD: &str = "rahasia-uji-123";

/// A running app and what the tests need to know about its data.
pub struct TestApp {
    /// `http://127.0.0.1:port`
    pub base: String,
    /// The database, for checking what was written.
    pub db: bangkom_db::Db,
    /// OPD code of operator A (`operator_a`).
    pub opd_a: String,
    /// OPD code of operator B (`operator_b`).
    pub opd_b: String,
    /// NIPs of the employees loaded in OPD A.
    pub nips_a: Vec<String>,
    /// NIPs of the employees loaded in OPD B.
    pub nips_b: Vec<String>,
    /// Every loaded record.
    pub records: Vec<PegawaiRecord>,
    /// NIP linked to the `pegawai1` account (in OPD A).
    pub own_nip: String,
    _guard: bangkom_db::testkit::TempDir,
}

/// Walks up the demo tree from `unit` to its OPD code.
fn opd_of(unit: &str, jenis: &BTreeMap<String, (&'static str, String)>) -> Option<String> {
    let mut kode = unit.to_string();
    for _ in 0..10 {
        let (j, induk) = jenis.get(&kode)?;
        if *j == "opd" {
            return Some(kode);
        }
        kode = induk.clone();
    }
    None
}

/// Starts the app with data and the accounts `admin`, `operator_a`, `operator_b`, `pegawai1`,
/// `pimpinan` (password [`PASSWORD`]).
pub async fn spawn_app() -> TestApp {
    let (db, guard) = bangkom_db::testkit::sqlite().await.expect("sqlite");
    let actor = Actor::system("test");

    // The province and Kota Jambi only: a small tree.
    let tree: Vec<_> = bangkom_demo::org_tree()
        .into_iter()
        .filter(|o| o.kode == "15" || o.kode == "15.71" || o.kode.starts_with("15.71."))
        .collect();
    let mut org_csv = b"kode,nama,jenis,induk,layanan\n".to_vec();
    for o in &tree {
        org_csv.extend_from_slice(o.to_row().join(",").as_bytes());
        org_csv.push(b'\n');
    }
    let r = bangkom_db::import::import_org(
        &db,
        &actor,
        TableReader::from_bytes("org.csv", org_csv).expect("org csv"),
        ImportOptions::default(),
        |_, _, _| {},
    )
    .await
    .expect("org import");
    assert!(r.errors.is_empty(), "org import errors: {:?}", r.errors);
    let jenis: BTreeMap<String, (&'static str, String)> = tree
        .iter()
        .map(|o| (o.kode.clone(), (o.jenis, o.induk.clone())))
        .collect();

    // About 200 employees of Kota Jambi.
    let records: Vec<PegawaiRecord> = bangkom_demo::pegawai(2500, 7)
        .filter(|p| jenis.contains_key(&p.unit))
        .take(200)
        .collect();
    assert!(records.len() >= 100, "too few employees: {}", records.len());
    let mut csv = bangkom_demo::PEGAWAI_HEADER.join(",").into_bytes();
    csv.push(b'\n');
    for p in &records {
        csv.extend_from_slice(p.cells().join(",").as_bytes());
        csv.push(b'\n');
    }
    let r = bangkom_db::import::import_pegawai(
        &db,
        &actor,
        &Scope::Semua,
        TableReader::from_bytes("pegawai.csv", csv).expect("pegawai csv"),
        ImportOptions::default(),
        |_, _, _| {},
    )
    .await
    .expect("pegawai import");
    assert!(r.errors.is_empty(), "pegawai import errors: {:?}", r.errors);
    assert_eq!(r.baru, records.len());

    // The two OPDs with the most employees.
    let mut by_opd: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for p in &records {
        let opd = opd_of(&p.unit, &jenis).expect("unit has an OPD");
        by_opd.entry(opd).or_default().push(p.nip.clone());
    }
    let mut ranked: Vec<_> = by_opd.into_iter().collect();
    ranked.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    let mut it = ranked.into_iter();
    let (opd_a, nips_a) = it.next().expect("OPD A");
    let (opd_b, nips_b) = it.next().expect("OPD B");
    assert!(nips_a.len() >= 2 && nips_b.len() >= 2);
    let own_nip = nips_a.last().cloned().expect("a NIP in OPD A");

    let state = AppState::new(db.clone(), Config::default());
    let sys = Actor::system("test");
    let accounts: [(&str, &str, Vec<String>, &str); 5] = [
        ("admin", "admin", vec![], ""),
        ("operator_a", "operator", vec![opd_a.clone()], ""),
        ("operator_b", "operator", vec![opd_b.clone()], ""),
        ("pegawai1", "pegawai", vec![], own_nip.as_str()),
        ("pimpinan", "pimpinan", vec![], ""),
    ];
    for (username, role, opds, nip) in &accounts {
        bangkom_web::html::create_account(
            &state, &sys, username, username, PASSWORD, role, opds, nip,
        )
        .await
        .unwrap_or_else(|e| panic!("account {username}: {e:?}"));
    }

    let app = Application::build("127.0.0.1:0", state)
        .await
        .expect("bind");
    let addr = app.local_addr().expect("addr");
    tokio::spawn(app.run(false));
    TestApp {
        base: format!("http://{addr}"),
        db,
        opd_a,
        opd_b,
        nips_a,
        nips_b,
        records,
        own_nip,
        _guard: guard,
    }
}

/// A client with a cookie jar that does not follow redirects.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .expect("client")
}

/// The value of the first `name="csrf"` hidden input in a page.
pub fn csrf_of(html: &str) -> String {
    let start = html
        .find("name=\"csrf\" value=\"")
        .map(|i| i + "name=\"csrf\" value=\"".len())
        .expect("csrf input in page");
    let rest = html.get(start..).unwrap_or_default();
    rest.split('"').next().unwrap_or_default().to_string()
}

/// A logged-in browser-like client with its session's CSRF token.
pub struct Session {
    /// The cookie client.
    pub client: reqwest::Client,
    /// The session's CSRF token.
    pub csrf: String,
    base: String,
}

/// Posts the login form with `client`, returning the response.
pub async fn post_login(
    app: &TestApp,
    client: &reqwest::Client,
    username: &str,
    password: &str,
) -> reqwest::Response {
    let page = client
        .get(format!("{}/login", app.base))
        .send()
        .await
        .expect("GET /login");
    assert_eq!(page.status(), StatusCode::OK);
    let csrf = csrf_of(&page.text().await.expect("body"));
    client
        .post(format!("{}/login", app.base))
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", username),
            ("password", password),
        ])
        .send()
        .await
        .expect("POST /login")
}

impl TestApp {
    /// Logs in through the form and reads the session's CSRF token from a page.
    pub async fn login(&self, username: &str) -> Session {
        let client = client();
        let r = post_login(self, &client, username, PASSWORD).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "login {username}");
        let mut home = client
            .get(format!("{}/", self.base))
            .send()
            .await
            .expect("GET /");
        // An employee's home redirects to their own page.
        if home.status() == StatusCode::SEE_OTHER {
            let to = home.headers()["location"]
                .to_str()
                .expect("location")
                .to_string();
            home = client
                .get(format!("{}{to}", self.base))
                .send()
                .await
                .expect("GET home");
        }
        assert_eq!(home.status(), StatusCode::OK);
        let csrf = csrf_of(&home.text().await.expect("body"));
        Session {
            client,
            csrf,
            base: self.base.clone(),
        }
    }

    /// A record loaded in the given OPD's list of NIPs.
    pub fn record(&self, nip: &str) -> &PegawaiRecord {
        self.records
            .iter()
            .find(|r| r.nip == nip)
            .expect("loaded record")
    }

    /// An API bearer token for `username`.
    pub async fn token(&self, username: &str) -> String {
        let s = self.login(username).await;
        let r = s
            .client
            .post(s.url("/api/v1/token"))
            .header("X-CSRF-Token", &s.csrf)
            .json(&serde_json::json!({"nama": "uji"}))
            .send()
            .await
            .expect("token");
        assert_eq!(r.status(), StatusCode::CREATED);
        let v: serde_json::Value = r.json().await.expect("json");
        v["token"].as_str().expect("token string").to_string()
    }

    /// Number of stored employees.
    pub async fn count(&self) -> i64 {
        self.db.pegawai_count().await.expect("count")
    }
}

impl Session {
    /// Form POST with the session's CSRF token added: status, `Location` (empty when none), body.
    pub async fn submit(
        &self,
        path: &str,
        fields: &[(&str, &str)],
    ) -> (StatusCode, String, String) {
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf", self.csrf.as_str()));
        let r = self.post_form(path, &all).await;
        let status = r.status();
        let loc = r
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        (status, loc, r.text().await.expect("body"))
    }

    /// A JSON call to `/api/v1{path}` (`GET`, `POST` or `PUT`) with the CSRF header: status and
    /// the JSON body (null when the body is not JSON).
    pub async fn api(
        &self,
        method: &str,
        path: &str,
        body: serde_json::Value,
    ) -> (StatusCode, serde_json::Value) {
        let url = self.url(&format!("/api/v1{path}"));
        let req = match method {
            "PUT" => self.client.put(url),
            "POST" => self.client.post(url),
            _ => self.client.get(url),
        };
        let r = req
            .header("X-CSRF-Token", &self.csrf)
            .json(&body)
            .send()
            .await
            .expect("API call");
        let st = r.status();
        (st, r.json().await.unwrap_or(serde_json::Value::Null))
    }

    /// Absolute URL of a path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// GET, returning status and body.
    pub async fn get(&self, path: &str) -> (StatusCode, String) {
        let r = self.client.get(self.url(path)).send().await.expect("GET");
        let s = r.status();
        (s, r.text().await.expect("body"))
    }

    /// Form POST (the session's CSRF token is NOT added: pass it in `fields`).
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .form(fields)
            .send()
            .await
            .expect("POST")
    }
}

/// A valid PNS NIP for 1990-05-17, male, with sequence `seq` (1..=999), REFERENCE §5.1.
pub fn new_nip(seq: u16) -> String {
    format!("199005172015031{seq:03}")
}

/// Form/JSON fields of a new, valid employee with `nip` and `nama`, in the unit of `template`.
pub fn new_fields(template: &PegawaiRecord, nip: &str, nama: &str) -> Vec<(&'static str, String)> {
    vec![
        ("nip", nip.to_string()),
        ("nama", nama.to_string()),
        ("gelar_depan", String::new()),
        ("gelar_belakang", String::new()),
        ("jenis_kelamin", "L".to_string()),
        ("tanggal_lahir", "1990-05-17".to_string()),
        ("jenis_asn", "PNS".to_string()),
        ("golongan", "III/a".to_string()),
        ("jenis_jabatan", "pelaksana".to_string()),
        ("jabatan", "Pengadministrasi Umum".to_string()),
        ("jenjang", String::new()),
        ("unit", template.unit.clone()),
        ("status", "aktif".to_string()),
        ("tmt_jabatan", "2020-01-01".to_string()),
    ]
}

/// The same fields as a JSON object.
pub fn new_json(template: &PegawaiRecord, nip: &str, nama: &str) -> serde_json::Value {
    let map: serde_json::Map<String, serde_json::Value> = new_fields(template, nip, nama)
        .into_iter()
        .map(|(k, v)| (k.to_string(), serde_json::Value::String(v)))
        .collect();
    serde_json::Value::Object(map)
}

/// Appends the CSRF field to form fields, as borrowed pairs.
pub fn with_csrf<'a>(
    fields: &'a [(&'static str, String)],
    csrf: &'a str,
) -> Vec<(&'a str, &'a str)> {
    let mut v: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    v.push(("csrf", csrf));
    v
}
