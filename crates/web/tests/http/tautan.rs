//! Survey links and QR codes for the counter: the PNG code carries exactly the survey address of
//! the unit and service, and the links page is scoped to the operator's own service units.

use std::io::Read;

use reqwest::StatusCode;

use crate::common::{client, spawn_app};
use crate::skm::spawn;

/// Decodes an 8-bit greyscale PNG (as `qr.png` writes it) into (side, pixels).
fn decode(png: &[u8]) -> (usize, Vec<u8>) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    let (mut side, mut idat, mut i) = (0usize, Vec::new(), 8);
    while i + 8 <= png.len() {
        let len = u32::from_be_bytes(png[i..i + 4].try_into().expect("length")) as usize;
        let data = &png[i + 8..i + 8 + len];
        match &png[i + 4..i + 8] {
            b"IHDR" => {
                side = u32::from_be_bytes(data[0..4].try_into().expect("width")) as usize;
                assert_eq!(&data[8..10], &[8, 0], "8-bit greyscale");
            }
            b"IDAT" => idat.extend_from_slice(data),
            _ => {}
        }
        i += 12 + len;
    }
    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(&idat[..])
        .read_to_end(&mut raw)
        .expect("zlib stream");
    assert_eq!(raw.len(), side * (side + 1));
    let pixels = raw
        .chunks(side + 1)
        .flat_map(|row| row[1..].to_vec())
        .collect();
    (side, pixels)
}

#[tokio::test]
async fn the_png_code_carries_the_address_of_the_unit_and_service() {
    let app = spawn(bangkom_web::Config::default()).await;
    let c = client();
    let scale = 3;
    let r = c
        .get(app.url(&format!(
            "/survei/{}/qr.png?layanan=kk&skala={scale}",
            app.unit
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "image/png");
    let (side, px) = decode(&r.bytes().await.unwrap());

    // The expected code: the absolute address the request's host gives.
    let want = qrcode::QrCode::new(app.url(&format!("/survei/{}?layanan=kk", app.unit))).unwrap();
    let w = want.width();
    assert_eq!(side, (w + 8) * scale, "four-module quiet zone on each side");
    let dark: Vec<bool> = want
        .to_colors()
        .into_iter()
        .map(|m| m == qrcode::Color::Dark)
        .collect();
    for my in 0..w {
        for mx in 0..w {
            let (x, y) = ((mx + 4) * scale + 1, (my + 4) * scale + 1);
            let is_dark = px[y * side + x] == 0;
            assert_eq!(is_dark, dark[my * w + mx], "module ({mx},{my})");
        }
    }
    assert!(
        px[..side * 4 * scale].iter().all(|p| *p == 255),
        "quiet zone"
    );

    // The kiosk code differs from the plain one; an unknown service or unit is refused.
    let plain = c
        .get(app.url(&format!("/survei/{}/qr.svg", app.unit)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let kiosk = c
        .get(app.url(&format!("/survei/{}/qr.svg?kiosk=1", app.unit)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(plain.contains("<svg") && kiosk.contains("<svg"));
    assert_ne!(plain, kiosk);
    let r = c
        .get(app.url(&format!("/survei/{}/qr.png?layanan=paspor", app.unit)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = c
        .get(app.url("/survei/15.71.99.99/qr.png"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_links_page_lists_codes_for_the_operators_own_units_only() {
    let app = spawn_app().await;
    let org = app.db.org_index().await.unwrap();
    let opd_a = org.by_kode(&app.opd_a).unwrap().org_id;
    let opd_b = org.by_kode(&app.opd_b).unwrap().org_id;
    let service_unit_of = |opd: i64| {
        org.all()
            .iter()
            .find(|o| o.layanan && o.opd_id == Some(opd))
            .map(|o| o.kode.clone())
    };
    // A service unit outside operator A's OPD (there is always one in B's or elsewhere).
    let other = service_unit_of(opd_b).or_else(|| {
        org.all()
            .iter()
            .find(|o| o.layanan && o.opd_id.is_some() && o.opd_id != Some(opd_a))
            .map(|o| o.kode.clone())
    });
    let other = other.expect("a service unit outside OPD A");

    let admin = app.login("admin").await;
    let (s, html) = admin.get(&format!("/skm/tautan?unit={other}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains(&format!("/survei/{other}/qr.png?layanan=ktp-el")));
    assert!(html.contains(&format!("/survei/{other}/qr.svg?kiosk=1")));
    assert!(html.contains("<svg"), "the poster's code is drawn inline");

    let op = app.login("operator_a").await;
    let (s, html) = op.get("/skm/tautan").await;
    assert_eq!(s, StatusCode::OK);
    assert!(!html.contains(&format!("value=\"{other}\"")), "not offered");
    let (s, _) = op.get(&format!("/skm/tautan?unit={other}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    if let Some(own) = service_unit_of(opd_a) {
        assert!(html.contains(&format!("value=\"{own}\"")));
        let (s, _) = op.get(&format!("/skm/tautan?unit={own}")).await;
        assert_eq!(s, StatusCode::OK);
    }

    let (s, _) = app.login("pimpinan").await.get("/skm/tautan").await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_token_register_lists_and_revokes_within_scope() {
    let app = spawn_app().await;
    let org = app.db.org_index().await.unwrap();
    let opd_a = org.by_kode(&app.opd_a).unwrap().org_id;
    let unit = org
        .all()
        .iter()
        .find(|o| o.layanan && o.opd_id.is_some() && o.opd_id != Some(opd_a))
        .expect("a service unit outside OPD A")
        .kode
        .clone();

    let admin = app.login("admin").await;
    let r = admin
        .post_form(
            "/skm/token",
            &[
                ("csrf", admin.csrf.as_str()),
                ("unit", unit.as_str()),
                ("layanan", "kk"),
                ("tiket", "LOKET-77"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let (s, html) = admin
        .get("/skm/token/daftar?status=aktif&tiket=LOKET-77")
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("1 token"), "{html}");
    let end = html.find("/cabut\"").expect("a revoke form");
    let hash = html[..end].rsplit('/').next().unwrap().to_string();
    assert_eq!(hash.len(), 64, "the SHA-256 handle, never the code");

    // Operator A sees none of it and cannot revoke it.
    let op = app.login("operator_a").await;
    let (_, html) = op.get("/skm/token/daftar").await;
    assert!(!html.contains(&hash));
    let path = format!("/skm/token/{hash}/cabut");
    let r = op
        .post_form(
            &path,
            &[("csrf", op.csrf.as_str()), ("alasan", "salah cetak")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    // No CSRF token, or no reason: refused, the token stays active.
    let r = admin.post_form(&path, &[("alasan", "salah cetak")]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = admin
        .post_form(&path, &[("csrf", admin.csrf.as_str()), ("alasan", "")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let (_, html) = admin
        .get("/skm/token/daftar?status=aktif&tiket=LOKET-77")
        .await;
    assert!(html.contains("1 token"));

    let r = admin
        .post_form(
            &path,
            &[("csrf", admin.csrf.as_str()), ("alasan", "salah cetak")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = admin
        .get("/skm/token/daftar?status=aktif&tiket=LOKET-77")
        .await;
    assert!(html.contains("0 token"));
    let (_, html) = admin
        .get("/skm/token/daftar?status=kedaluwarsa&tiket=LOKET-77")
        .await;
    assert!(html.contains("1 token") && html.contains("kedaluwarsa/dicabut"));
    // A second revocation is a conflict, not a silent success.
    let r = admin
        .post_form(
            &path,
            &[("csrf", admin.csrf.as_str()), ("alasan", "lagi lagi")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
}
