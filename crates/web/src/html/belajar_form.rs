//! Form parsing shared by the learning pages (`/saya`, `/pengalaman`): dates, numbers and ids come
//! in as text and go out as field errors, so a bad entry is a 422 with a message per field.

use bangkom_core::error::ValidationErrors;

/// Messages after a redirect on the learning pages.
pub fn pesan_teks(key: &str) -> &'static str {
    match key {
        "catatan" => "Catatan belajar tersimpan.",
        "klaim" => "Klaim pembelajaran diajukan; menunggu verifikasi.",
        "dinilai" => "Penilaian tersimpan; JP dikreditkan bila hasilnya tercapai.",
        "verifikasi" => "Klaim diverifikasi; JP dikreditkan.",
        "ditolak" => "Klaim ditolak dengan alasan.",
        "pengalaman" => "Kegiatan pembelajaran berbasis pengalaman tercatat.",
        "aturan" => "Pemetaan jenis ke jalur tersimpan.",
        other => super::program::pesan_teks(other),
    }
}

/// A `YYYY-MM-DD` date, or a field error.
pub fn tanggal(errs: &mut ValidationErrors, field: &str, s: &str) -> Option<time::Date> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    match time::Date::parse(s.trim(), fmt) {
        Ok(d) => Some(d),
        Err(_) if s.trim().is_empty() => {
            errs.add(field, "tanggal wajib diisi");
            None
        }
        Err(_) => {
            errs.add(
                field,
                format!("tanggal tidak sah: '{}' (format TTTT-BB-HH)", s.trim()),
            );
            None
        }
    }
}

/// A whole number, or a field error; blank is `None` when `wajib` is false.
pub fn bilangan(errs: &mut ValidationErrors, field: &str, s: &str, wajib: bool) -> Option<u32> {
    let t = s.trim();
    if t.is_empty() {
        if wajib {
            errs.add(field, "wajib diisi");
        }
        return None;
    }
    match t.parse::<u32>() {
        Ok(n) => Some(n),
        Err(_) => {
            errs.add(field, format!("harus bilangan bulat, ditemukan '{t}'"));
            None
        }
    }
}

/// An optional id from a select (blank = none).
pub fn id_opsional(errs: &mut ValidationErrors, field: &str, s: &str) -> Option<i64> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    t.parse::<i64>().map_or_else(
        |_| {
            errs.add(field, "pilihan tidak sah");
            None
        },
        Some,
    )
}

/// Blank → `None`.
pub fn opsional(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}
