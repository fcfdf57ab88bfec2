//! The ledger export (*buku JP*): every credit of a year in a scope — completed programs, assessed
//! experiential learning, verified claims — one row each, as XLSX or CSV. The rows stream from the
//! database into the file writer (`XlsxRowWriter` flushes each row to a temporary file), so the
//! province's several hundred thousand entries are never held as a list. Served by `/jp/buku`,
//! `GET /api/v1/jp/buku` and timed by `bangkom bench --jp`.

use bangkom_core::jp::Jalur;
use bangkom_db::Db;
use bangkom_io::{CsvRowWriter, Sel, XlsxRowWriter};

use crate::error::AppError;

/// Columns of the export.
pub const BUKU_HEADER: &[&str] = &[
    "nip",
    "nama",
    "jenis_asn",
    "unit",
    "tahun",
    "tanggal",
    "sumber",
    "kegiatan",
    "jalur",
    "jalur_nama",
    "jp",
];

/// Column widths of the XLSX (Excel character units).
const WIDTHS: &[f64] = &[20.0, 28.0, 9.0, 14.0, 7.0, 11.0, 11.0, 40.0, 6.0, 28.0, 6.0];

/// A finished export file.
#[derive(Debug)]
pub struct BukuFile {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// Entries written.
    pub baris: usize,
}

fn other(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(e.to_string())
}

/// Builds the export of `tahun` for `units` (None = all) as XLSX (`xlsx`) or CSV.
///
/// # Errors
/// An invalid year (422), the database, or the writer.
pub async fn buku_file(
    db: &Db,
    units: Option<&[i64]>,
    tahun: i32,
    xlsx: bool,
) -> Result<BukuFile, AppError> {
    let invalid = || {
        AppError::Invalid(bangkom_core::error::ValidationErrors::single(
            "tahun",
            "tahun harus 2000–2100",
        ))
    };
    if !(2000..=2100).contains(&tahun) {
        return Err(invalid());
    }
    let from =
        time::Date::from_calendar_date(tahun, time::Month::January, 1).map_err(|_| invalid())?;
    let to =
        time::Date::from_calendar_date(tahun, time::Month::December, 31).map_err(|_| invalid())?;
    let org = db.org_index().await?;
    let kode_unit = |id: i64| org.get(id).map_or("", |o| o.kode.as_str());
    let jalur_nama = |id: i64| {
        u8::try_from(id)
            .ok()
            .and_then(|j| Jalur::from_id(j).ok())
            .map_or("", Jalur::nama)
    };
    let tahun_teks = tahun.to_string();
    if xlsx {
        let mut w = XlsxRowWriter::new(BUKU_HEADER, WIDTHS).map_err(other)?;
        let baris = db
            .jp_buku(units, from, to, |r| {
                let tanggal = r.tanggal.to_string();
                #[allow(clippy::cast_precision_loss)]
                w.write_row(&[
                    Sel::Teks(&r.nip),
                    Sel::Teks(&r.nama),
                    Sel::Teks(&r.jenis_asn),
                    Sel::Teks(kode_unit(r.unit_id)),
                    Sel::Angka(f64::from(tahun)),
                    Sel::Teks(&tanggal),
                    Sel::Teks(&r.sumber),
                    Sel::Teks(&r.kegiatan),
                    Sel::Angka(r.jalur as f64),
                    Sel::Teks(jalur_nama(r.jalur)),
                    Sel::Angka(r.jp as f64),
                ])
                .map_err(other)
            })
            .await?;
        Ok(BukuFile {
            bytes: w.finish().map_err(other)?,
            baris,
        })
    } else {
        let mut w = CsvRowWriter::new(Vec::new(), BUKU_HEADER).map_err(other)?;
        let baris = db
            .jp_buku(units, from, to, |r| {
                let (tanggal, jalur, jp) =
                    (r.tanggal.to_string(), r.jalur.to_string(), r.jp.to_string());
                w.write_row(&[
                    &r.nip,
                    &r.nama,
                    &r.jenis_asn,
                    kode_unit(r.unit_id),
                    &tahun_teks,
                    &tanggal,
                    &r.sumber,
                    &r.kegiatan,
                    &jalur,
                    jalur_nama(r.jalur),
                    &jp,
                ])
                .map_err(other)
            })
            .await?;
        Ok(BukuFile {
            bytes: w.finish().map_err(other)?,
            baris,
        })
    }
}
