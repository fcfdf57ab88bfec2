//! Demo training institutions: BPSDM Provinsi Jambi and LAN (government) and a private provider,
//! with cooperation agreements; each demo program is linked to the institution its `penyelenggara`
//! names. Loading twice changes nothing (existing codes and agreement numbers are kept).

use anyhow::Result;
use bangkom_core::lembaga::{LembagaInput, PksInput};
use bangkom_db::Db;
use bangkom_db::audit::Actor;

/// (code, name, kind, accreditation, valid until, contact, agreement number, from, to, scope,
/// the `penyelenggara` prefix of its programs).
type Demo = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const LEMBAGA: [Demo; 3] = [
    (
        "BPSDM-JAMBI",
        "BPSDM Provinsi Jambi",
        "pemerintah",
        "A",
        "2027-12-31",
        "Bidang Pengembangan Kompetensi",
        "000.8/001/BKD-BPSDM/2025",
        "2025-01-02",
        "2026-12-31",
        "Pelatihan teknis, fungsional dan kepemimpinan bagi ASN Provinsi dan kabupaten/kota",
        "BPSDM",
    ),
    (
        "LAN",
        "Lembaga Administrasi Negara",
        "pemerintah",
        "A",
        "2028-06-30",
        "Pusat Pembinaan Program dan Kebijakan Pengembangan Kompetensi",
        "PKS/LAN/0045/2025",
        "2025-02-01",
        "2027-01-31",
        "Pelatihan kepemimpinan dan ASN Unggul",
        "LAN",
    ),
    (
        "PT-DIGITAL-NUSANTARA",
        "PT Pelatihan Digital Nusantara",
        "swasta",
        "B",
        "2026-03-31",
        "Layanan Kemitraan Pemerintah",
        "PKS/BKD/017/2025",
        "2025-04-01",
        "2025-12-31",
        "Pelatihan literasi dan keamanan digital",
        "PT Pelatihan Digital",
    ),
];

/// Loads the institutions and links the demo programs.
pub async fn load(db: &Db, actor: &Actor) -> Result<()> {
    let programs = db.program_list().await?;
    for (kode, nama, jenis, akr, sampai, kontak, nomor, mulai, selesai, ruang, prefix) in LEMBAGA {
        let l = LembagaInput {
            kode: kode.into(),
            nama: nama.into(),
            jenis: jenis.into(),
            akreditasi: akr.into(),
            akreditasi_sampai: sampai.into(),
            kontak_nama: kontak.into(),
            ..Default::default()
        }
        .parse()
        .map_err(|e| anyhow::anyhow!("lembaga demo {kode}: {e}"))?;
        if db.lembaga_by_kode(kode).await.is_err() {
            db.lembaga_create(actor, &l).await?;
        }
        let row = db.lembaga_by_kode(kode).await?;
        if db.pks_list(row.lembaga_id).await?.is_empty() {
            let k = PksInput {
                nomor: nomor.into(),
                mulai: mulai.into(),
                selesai: selesai.into(),
                ruang_lingkup: ruang.into(),
            }
            .parse()
            .map_err(|e| anyhow::anyhow!("PKS demo {nomor}: {e}"))?;
            db.pks_add(actor, &row, &k).await?;
        }
        for g in programs.iter().map(|r| &r.program) {
            if g.lembaga_id.is_none() && g.penyelenggara.starts_with(prefix) {
                db.program_lembaga_set(actor, g, Some(&row)).await?;
            }
        }
    }
    Ok(())
}
