//! The demo's ICT bimtek through the real participation workflow: every participant is nominated
//! and approved, attends the four sessions (those the demo marks as not completing miss the last
//! two, below the 80 % rule), takes the pre- and post-test, and the completion rules credit the JP
//! and number the certificates — so the demo shows sessions, attendance, learning gain and
//! verifiable certificates, audited like real use.

use std::collections::HashMap;

use anyhow::{Context, Result};
use bangkom_db::Db;
use bangkom_db::audit::Actor;
use bangkom_db::pegawai::Scope;
use bangkom_db::program::{Cara, NilaiBaru, SesiBaru};

/// Runs the workflow for `kode` with `peserta` as `(NIP, completes)`.
pub async fn jalankan(
    db: &Db,
    actor: &Actor,
    kode: &str,
    peserta: &[(String, bool)],
    nip_ids: &HashMap<String, i64>,
    seed: u64,
) -> Result<usize> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    let prog = db.program_by_kode(kode).await?;
    let mut sesi = Vec::new();
    for s in bangkom_demo::program::sesi_2025()
        .into_iter()
        .filter(|s| s.program == kode)
    {
        let baru = SesiBaru {
            tanggal: time::Date::parse(s.tanggal, &fmt).context("tanggal sesi demo")?,
            jam_mulai: s.jam_mulai.into(),
            jam_selesai: s.jam_selesai.into(),
            tempat: Some(s.tempat.into()),
            tautan: None,
            pengajar: Some(s.pengajar.into()),
        };
        sesi.push(db.sesi_add(actor, &prog, &baru).await?);
    }
    let mut kelas = Vec::new();
    for (nip, lulus) in peserta {
        let Some(id) = nip_ids.get(nip) else { continue };
        let p = db.pegawai_by_id(&Scope::Semua, *id).await?;
        db.peserta_usul(actor, &prog, &p, Cara::Usulan).await?;
        db.peserta_putus(actor, &prog, &p, true, None).await?;
        kelas.push((nip.clone(), *lulus));
    }
    if kelas.is_empty() {
        return Ok(0);
    }
    for (i, sesi_id) in sesi.iter().enumerate() {
        let hadir: Vec<String> = kelas
            .iter()
            .filter(|(_, lulus)| *lulus || i < 2)
            .map(|(nip, _)| nip.clone())
            .collect();
        db.hadir_set(actor, &prog, *sesi_id, &hadir).await?;
    }
    let nilai: Vec<NilaiBaru> = kelas
        .iter()
        .map(|(nip, _)| {
            let (pre, post) = bangkom_demo::program::nilai_tes(nip, seed);
            NilaiBaru {
                nip: nip.clone(),
                pre: Some(pre),
                post: Some(post),
            }
        })
        .collect();
    db.nilai_set(actor, &prog, &nilai).await?;
    db.kelulusan(actor, &prog).await?;
    Ok(kelas.len())
}
