//! Loads the demo's experiential learning and claims through the real workflow (record, assess,
//! submit, decide), so JP are credited exactly as in use. A record the rules refuse (a rotation
//! starting before the employee's current TMT, say) is skipped and counted, not fatal.

use anyhow::{Context, Result};
use bangkom_core::jp::Jalur;
use bangkom_core::pengalaman::{Hasil, JenisPengalaman};
use bangkom_db::audit::Actor;
use bangkom_db::pengalaman::{KlaimBaru, PengalamanBaru, Penilaian, Putusan};
use bangkom_db::{Db, DbError};

/// The demo's "today" for assessments and claims (deterministic).
const HARI_DEMO: time::Date = time::macros::date!(2025 - 12 - 15);

/// Records, assesses, submits and decides; returns (activities, claims, skipped).
pub async fn muat(
    db: &Db,
    actor: &Actor,
    people: &[bangkom_demo::PegawaiRecord],
) -> Result<(usize, usize, usize)> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    let date = |s: &str| time::Date::parse(s, &fmt).context("tanggal demo");
    let org = db.org_index().await?;
    let mut pupr: Vec<String> = org
        .all()
        .iter()
        .filter(|o| o.jenis == "unit")
        .filter(|o| {
            o.opd_id
                .and_then(|id| org.get(id))
                .is_some_and(|opd| opd.nama.contains("Pekerjaan Umum"))
        })
        .map(|o| o.kode.clone())
        .collect();
    pupr.sort();
    let (kegiatan, klaim) = bangkom_demo::pengalaman::pengalaman_2025(people, &pupr);
    let ids = db.pegawai_id_map().await?;
    let (mut n_kegiatan, mut n_klaim, mut skipped) = (0, 0, 0);
    for k in &kegiatan {
        let Some(&pegawai_id) = ids.get(&k.nip) else {
            continue;
        };
        let baru = PengalamanBaru {
            pegawai_id,
            jenis: JenisPengalaman::parse(k.jenis).map_err(anyhow::Error::msg)?,
            judul: k.judul.clone(),
            tujuan: Some(k.tujuan.to_string()),
            unit_tujuan_id: k
                .unit_tujuan
                .as_deref()
                .and_then(|u| org.by_kode(u))
                .map(|u| u.org_id),
            ke_jabatan: k.ke_jabatan.map(str::to_string),
            pembimbing_id: k.pembimbing_nip.as_ref().and_then(|n| ids.get(n)).copied(),
            pembimbing_nama: k.pembimbing_nama.map(str::to_string),
            mulai: date(k.mulai)?,
            selesai: date(k.selesai)?,
        };
        let id = match db.pengalaman_add(actor, &baru).await {
            Ok(id) => id,
            Err(DbError::Invalid(_)) => {
                skipped += 1;
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        n_kegiatan += 1;
        if let Some(h) = k.hasil {
            let n = Penilaian {
                hasil: Hasil::parse(h).map_err(anyhow::Error::msg)?,
                jp: Some(k.jp),
                catatan: "Laporan dan catatan belajar diperiksa pembimbing.".into(),
            };
            db.pengalaman_nilai(actor, id, &n, HARI_DEMO).await?;
        }
    }
    for k in &klaim {
        let Some(&pegawai_id) = ids.get(&k.nip) else {
            continue;
        };
        let hari = date(k.tanggal)?;
        let baru = KlaimBaru {
            pegawai_id,
            judul: k.judul.to_string(),
            penyelenggara: k.penyelenggara.to_string(),
            jalur: Jalur::from_id(k.jalur).map_err(anyhow::Error::msg)?,
            mulai: hari,
            selesai: hari,
            jp: k.jp,
            bukti: format!("Sertifikat peserta {} ({})", k.judul, k.tanggal),
            tautan: None,
        };
        let id = db.klaim_add(actor, &baru, HARI_DEMO).await?;
        n_klaim += 1;
        match k.putusan {
            "diverifikasi" => {
                db.klaim_putus(actor, id, &Putusan::Verifikasi(None))
                    .await?;
            }
            "ditolak" => {
                let alasan = "Sertifikat tidak mencantumkan jumlah jam; ajukan ulang dengan bukti jam pelajaran.";
                db.klaim_putus(actor, id, &Putusan::Tolak(alasan.into()))
                    .await?;
            }
            _ => {}
        }
    }
    Ok((n_kegiatan, n_klaim, skipped))
}
