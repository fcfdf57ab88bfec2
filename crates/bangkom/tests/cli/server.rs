//! Accounts, demo data and the web server through the CLI: `user create`, `demo --pegawai`, and
//! `serve` creating the first admin exactly once.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Stdio};

use super::{Run, Sandbox, block_on};

/// Looks an account up through `bangkom_db`.
fn account_exists(url: &str, username: &str) -> bool {
    block_on(async {
        let db = bangkom_db::Db::connect(url).await.unwrap();
        let found = db.akun_by_username(username).await.unwrap().is_some();
        db.close().await;
        found
    })
}

#[test]
fn user_create_with_password_from_env_and_unknown_opd_fails() {
    let sb = Sandbox::new();
    sb.with_org();
    let out = sb
        .command()
        .env("BANGKOM_PASSWORD", "rahasia-operator-1")
        .args(["--db", &sb.url, "user", "create", "--username", "op1"])
        .args(["--role", "operator", "--opd", "15.P01"])
        .output()
        .unwrap();
    let r = Run::of(out);
    r.assert_code(0);
    assert!(
        r.stdout.contains("akun op1 (operator) dibuat"),
        "{}",
        r.stdout
    );
    // The password came from the environment, so none is printed.
    assert!(!r.stdout.contains("kata sandi"), "{}", r.stdout);
    assert!(account_exists(&sb.url, "op1"));

    let out = sb
        .command()
        .env("BANGKOM_PASSWORD", "rahasia-operator-2")
        .args(["--db", &sb.url, "user", "create", "--username", "op2"])
        .args(["--role", "operator", "--opd", "15.P99"])
        .output()
        .unwrap();
    let r = Run::of(out);
    assert_ne!(r.code, Some(0), "unknown OPD accepted: {}", r.stdout);
    assert!(r.stderr.contains("15.P99"), "{}", r.stderr);
    assert!(!r.stdout.contains("dibuat"), "{}", r.stdout);
    assert!(!account_exists(&sb.url, "op2"));
}

#[test]
fn demo_loads_the_requested_number_of_pegawai_once() {
    let sb = Sandbox::new();
    let r = sb.run(&["demo", "--pegawai", "300"]);
    r.assert_code(0);
    assert!(r.stderr.contains("ditolak: 0"), "{}", r.stderr);
    assert_eq!(sb.pegawai_count(), 300);

    let again = sb.run(&["demo", "--pegawai", "300"]);
    again.assert_code(0);
    assert!(
        again.stderr.contains("sudah berisi pegawai"),
        "{}",
        again.stderr
    );
    assert_eq!(sb.pegawai_count(), 300);
}

/// A port that was free a moment ago.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Status code of `GET path`, or None when the server does not answer (yet).
fn get_status(port: u16, path: &str) -> Option<u16> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut head = [0u8; 12];
    s.read_exact(&mut head).ok()?;
    std::str::from_utf8(head.get(9..12)?).ok()?.parse().ok()
}

/// Starts `serve`, waits until `GET /login` answers 200, stops it and returns its output.
fn serve_once(sb: &Sandbox, admin_password: Option<&str>) -> Run {
    let port = free_port();
    let addr = format!("127.0.0.1:{port}");
    let mut cmd = sb.command();
    cmd.args(["--db", &sb.url, "serve", "--addr", &addr])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(p) = admin_password {
        cmd.env("BANGKOM_ADMIN_PASSWORD", p);
    }
    let mut child: Child = cmd.spawn().unwrap();
    let mut up = false;
    // Generous bound so a broken server fails the test instead of hanging it.
    for _ in 0..1200 {
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            panic!(
                "serve exited early ({status}): {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        if let Some(code) = get_status(port, "/login") {
            assert_eq!(code, 200, "GET /login");
            up = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    let run = Run::of(out);
    assert!(up, "server never answered on {addr}: {}", run.stderr);
    run
}

#[test]
fn serve_starts_and_creates_the_admin_only_on_first_start() {
    let sb = Sandbox::new();
    let first = serve_once(&sb, Some("admin-rahasia-123"));
    assert!(
        first
            .stderr
            .contains("Bangkom berjalan di http://127.0.0.1:"),
        "{}",
        first.stderr
    );
    assert!(
        first
            .stderr
            .contains("Akun admin dibuat dengan kata sandi dari BANGKOM_ADMIN_PASSWORD"),
        "{}",
        first.stderr
    );
    assert!(!first.stderr.contains("sekali pakai"), "{}", first.stderr);
    assert!(account_exists(&sb.url, "admin"));

    // Second start, even without the variable: the admin exists, so no one-time password.
    let second = serve_once(&sb, None);
    assert!(
        second.stderr.contains("Bangkom berjalan di"),
        "{}",
        second.stderr
    );
    assert!(
        !second.stderr.contains("Akun admin dibuat"),
        "{}",
        second.stderr
    );
    assert!(!second.stderr.contains("sekali pakai"), "{}", second.stderr);
}
