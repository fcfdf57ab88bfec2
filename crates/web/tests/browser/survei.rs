//! A citizen on a phone: the public survey at a phone-sized viewport (no login), fits the screen
//! without sideways scrolling, is filled by tapping the answer labels, thanks the respondent, and
//! the response is counted in the published index (issue 3, "a browser test fills the public
//! survey on a phone-sized viewport and sees the response counted").

use bangkom_core::skm::Unsur;
use fantoccini::{Client, Locator};

use super::common::TestApp;
use super::{find, type_into, wait_for_path};

pub async fn story(
    c: Client,
    app: std::sync::Arc<TestApp>,
) -> Result<(), fantoccini::error::CmdError> {
    let c = &c;
    let org = app.db.org_index().await.expect("org");
    let unit = org
        .all()
        .iter()
        .find(|o| o.layanan)
        .expect("a service unit")
        .kode
        .clone();
    let before = app.db.skm_count().await.expect("count");

    c.set_window_size(390, 844).await?;
    c.delete_all_cookies().await?;
    c.goto(&format!("{}/survei/{unit}", app.base)).await?;
    let fits: bool = c
        .execute(
            "return document.documentElement.scrollWidth <= window.innerWidth;",
            vec![],
        )
        .await?
        .as_bool()
        .unwrap_or(false);
    assert!(fits, "the survey page scrolls sideways on a phone");

    find(c, "layanan")
        .await
        .select_by_value("akta-kelahiran")
        .await?;
    c.find(Locator::Css("input[name=jenis_kelamin][value=P]"))
        .await?
        .click()
        .await?;
    type_into(c, "umur", "34").await;
    // Every answer "4" except waktu "3", tapped on its label (the whole label is the target).
    for u in Unsur::ALL {
        let v = if u == Unsur::Waktu { 3 } else { 4 };
        c.find(Locator::XPath(&format!(
            "//fieldset[@id='soal-{}']//label[input[@value='{v}']]",
            u.code()
        )))
        .await?
        .click()
        .await?;
    }
    find(c, "kirim").await.click().await?;
    wait_for_path(c, &format!("/survei/{unit}/terima-kasih")).await;
    assert_eq!(app.db.skm_count().await.expect("count"), before + 1);

    // The published results of this unit for this month count it: (8 × 4 + 3) / 9 × 25 = 97.22.
    let bulan = bangkom_web::html::survei::today_wib();
    let periode = format!("{}-{:02}", bulan.year(), u8::from(bulan.month()));
    c.goto(&format!("{}/skm?scope={unit}&periode={periode}", app.base))
        .await?;
    assert_eq!(find(c, "responden").await.text().await?, "1");
    assert_eq!(find(c, "nilai-ikm").await.text().await?, "97.22");
    Ok(())
}
