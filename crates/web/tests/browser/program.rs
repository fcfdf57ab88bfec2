//! The participation story in the browser: an OPD operator nominates an employee of their OPD,
//! the administrator approves from the queue, ticks the attendance of the session, enters the
//! post-test and decides completion; the certificate's public page (the QR code's address)
//! verifies without login, and the employee's own page shows the JP.

use bangkom_core::jp::Jalur;
use bangkom_db::audit::Actor;
use bangkom_db::program::{ProgramBaru, SesiBaru};
use fantoccini::{Client, Locator};

use super::common::{PASSWORD, TestApp};
use super::{find, type_into, wait_for_path};

const KODE: &str = "UJI-PERAMBAN-01";

async fn login(
    c: &Client,
    app: &TestApp,
    user: &str,
    home: &str,
) -> Result<(), fantoccini::error::CmdError> {
    super::driver::login(c, &app.base, user, PASSWORD, home).await
}

/// A program of this year with one session, set up directly in the database.
async fn setup(app: &TestApp) -> i64 {
    let tahun = bangkom_web::html::survei::today_wib().year();
    let d =
        |day: u8| time::Date::from_calendar_date(tahun, time::Month::February, day).expect("date");
    let actor = Actor::system("uji");
    app.db
        .program_upsert(
            &actor,
            &ProgramBaru {
                kode: KODE.into(),
                nama: "Bimtek Aplikasi Layanan Digital".into(),
                jalur: Jalur::from_id(8).expect("jalur"),
                penyelenggara: "BPSDM Provinsi Jambi".into(),
                jp: 24,
                biaya: 0,
                kuota: Some(30),
                mulai: d(3),
                selesai: d(5),
            },
        )
        .await
        .expect("program");
    let prog = app.db.program_by_kode(KODE).await.expect("program row");
    app.db
        .sesi_add(
            &actor,
            &prog,
            &SesiBaru {
                tanggal: d(3),
                jam_mulai: "08:00".into(),
                jam_selesai: "15:00".into(),
                tempat: Some("Aula BPSDM".into()),
                tautan: None,
                pengajar: Some("Widyaiswara".into()),
            },
        )
        .await
        .expect("sesi")
}

pub async fn story(
    c: Client,
    app: std::sync::Arc<TestApp>,
) -> Result<(), fantoccini::error::CmdError> {
    let c = &c;
    let sesi = setup(&app).await;
    let nip = app.own_nip.clone();
    let page = format!("{}/program/{KODE}", app.base);

    // The operator nominates the employee (OPD A) from the program page.
    login(c, &app, "operator_a", "/").await?;
    c.goto(&page).await?;
    type_into(c, "nip", &nip).await;
    c.find(Locator::Css("#form-usul button[type=submit]"))
        .await?
        .click()
        .await?;
    let msg = find(c, "pesan").await.text().await?;
    assert!(msg.contains("Usulan tersimpan"), "{msg}");

    // The administrator approves from the queue.
    login(c, &app, "admin", "/").await?;
    c.goto(&format!("{}/persetujuan", app.base)).await?;
    c.find(Locator::Css(&format!(
        "tr[data-nip='{nip}'] form button[type=submit]"
    )))
    .await?
    .click()
    .await?;
    let msg = find(c, "pesan").await.text().await?;
    assert!(msg.contains("disetujui"), "{msg}");

    // Attendance: one checkbox per participant, one submit.
    c.goto(&format!("{page}/sesi/{sesi}/hadir")).await?;
    find(c, &format!("hadir-{nip}")).await.click().await?;
    c.find(Locator::Css("#form-hadir button[type=submit]"))
        .await?
        .click()
        .await?;
    wait_for_path(c, &format!("/program/{KODE}")).await;

    // Scores.
    c.goto(&format!("{page}/nilai")).await?;
    type_into(c, &format!("pre-{nip}"), "55").await;
    type_into(c, &format!("post-{nip}"), "88").await;
    c.find(Locator::Css("#form-nilai button[type=submit]"))
        .await?
        .click()
        .await?;
    wait_for_path(c, &format!("/program/{KODE}")).await;

    // Completion, from a fresh page so the message found is the new one.
    c.goto(&page).await?;
    c.find(Locator::Css("#form-lulus button[type=submit]"))
        .await?
        .click()
        .await?;
    let msg = find(c, "pesan").await.text().await?;
    assert!(msg.contains("Kelulusan ditetapkan"), "{msg}");
    let link = c
        .find(Locator::Css(&format!("tr[data-nip='{nip}'] a")))
        .await?
        .attr("href")
        .await?
        .expect("certificate link");
    assert!(link.starts_with("/sertifikat/STTPP-"), "{link}");

    // The public page verifies without login.
    c.delete_all_cookies().await?;
    c.goto(&format!("{}{link}", app.base)).await?;
    let status = find(c, "status-sertifikat").await.text().await?;
    assert!(status.contains("SAH"), "{status}");
    let jp = find(c, "jp-sertifikat").await.text().await?;
    assert_eq!(jp.trim(), "24");

    // The employee sees the JP on their own page.
    login(c, &app, "pegawai1", "/saya").await?;
    let mine = find(c, "jp-saya").await.text().await?;
    assert!(mine.starts_with("24 "), "{mine}");
    let riwayat = find(c, "riwayat-belajar").await.text().await?;
    assert!(
        riwayat.contains("Bimtek Aplikasi Layanan Digital"),
        "{riwayat}"
    );
    Ok(())
}
