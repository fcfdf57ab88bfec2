//! A minimal PDF 1.4 writer, shared by the certificate (one A4 landscape page) and the SKM report
//! (A4 portrait pages): the standard Helvetica fonts with WinAnsiEncoding (no embedding: every
//! PDF reader has them), text lines, rules, frames, and a QR code drawn as filled squares. The
//! content streams are left uncompressed, so documents stay readable and testable as text. No
//! dependency beyond `qrcode`.

use std::fmt::Write as _;

/// One page being drawn (points, origin bottom left).
pub struct Halaman {
    isi: String,
    lebar: f32,
    tinggi: f32,
}

/// Page width, points (A4 landscape).
pub const LEBAR: f32 = 842.0;
/// Page height, points (A4 landscape).
pub const TINGGI: f32 = 595.0;

/// A PDF string literal in WinAnsiEncoding: ASCII as is, Latin-1 and the common typographic
/// characters as octal escapes, anything else as `?`.
fn literal(s: &str) -> String {
    let mut out = String::from("(");
    for c in s.chars() {
        let byte: Option<u8> = match c {
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
                continue;
            }
            ' '..='~' => {
                out.push(c);
                continue;
            }
            '\u{2013}' => Some(0x96),
            '\u{2014}' => Some(0x97),
            '\u{2018}' => Some(0x91),
            '\u{2019}' => Some(0x92),
            '\u{201C}' => Some(0x93),
            '\u{201D}' => Some(0x94),
            '\u{2022}' => Some(0x95),
            '\u{00A0}'..='\u{00FF}' => u8::try_from(u32::from(c)).ok(),
            _ => None,
        };
        match byte {
            Some(b) => {
                let _ = write!(out, "\\{b:03o}");
            }
            None => out.push('?'),
        }
    }
    out.push(')');
    out
}

impl Halaman {
    /// An empty A4 landscape page.
    pub fn new() -> Halaman {
        Halaman {
            isi: String::new(),
            lebar: LEBAR,
            tinggi: TINGGI,
        }
    }

    /// An empty A4 portrait page.
    pub fn potret() -> Halaman {
        Halaman {
            isi: String::new(),
            lebar: TINGGI,
            tinggi: LEBAR,
        }
    }

    /// A straight rule from (`x1`, `y1`) to (`x2`, `y2`).
    pub fn garis(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, tebal: f32) {
        let _ = writeln!(
            self.isi,
            "{tebal:.1} w {x1:.1} {y1:.1} m {x2:.1} {y2:.1} l S"
        );
    }

    /// Writes `text` at (`x`, `y`) from the bottom left, in Helvetica (`tebal` = bold) of `size`.
    pub fn teks(&mut self, x: f32, y: f32, size: f32, tebal: bool, text: &str) {
        let font = if tebal { "F2" } else { "F1" };
        let _ = writeln!(
            self.isi,
            "BT /{font} {size:.1} Tf {x:.1} {y:.1} Td {} Tj ET",
            literal(text)
        );
    }

    /// A stroked rectangle.
    pub fn bingkai(&mut self, x: f32, y: f32, w: f32, h: f32, tebal: f32) {
        let _ = writeln!(self.isi, "{tebal:.1} w {x:.1} {y:.1} {w:.1} {h:.1} re S");
    }

    /// A QR code with its bottom-left corner at (`x`, `y`), `modul` points per module, with
    /// the four-module quiet zone the standard asks for.
    pub fn qr(&mut self, code: &qrcode::QrCode, x: f32, y: f32, modul: f32) {
        let n = code.width();
        let colors = code.to_colors();
        for (i, c) in colors.iter().enumerate() {
            if *c != qrcode::Color::Dark {
                continue;
            }
            let (col, row) = (i % n, i / n);
            #[allow(clippy::cast_precision_loss)]
            let (cx, cy) = (
                x + (col as f32 + 4.0) * modul,
                y + ((n - 1 - row) as f32 + 4.0) * modul,
            );
            let _ = writeln!(self.isi, "{cx:.2} {cy:.2} {modul:.2} {modul:.2} re");
        }
        self.isi.push_str("f\n");
    }

    /// The finished one-page document with `judul` as its title.
    pub fn selesai(&self, judul: &str) -> Vec<u8> {
        dokumen(std::slice::from_ref(self), judul)
    }
}

/// The finished document of `pages` (in order) with `judul` as its title.
pub fn dokumen(pages: &[Halaman], judul: &str) -> Vec<u8> {
    // 1 catalog, 2 page tree, 3–4 fonts, 5 info, then a page and its content per page.
    let kids: Vec<String> = (0..pages.len())
        .map(|i| format!("{} 0 R", 6 + 2 * i))
        .collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_string(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
            .to_string(),
        format!("<< /Title {} /Producer (Bangkom) >>", literal(judul)),
    ];
    for (i, h) in pages.iter().enumerate() {
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {:.0} {:.0}] \
             /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>",
            h.lebar,
            h.tinggi,
            7 + 2 * i
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{}endstream",
            h.isi.len(),
            h.isi
        ));
    }
    // The binary comment line marks the file as binary for transfer tools (PDF 1.4 §3.4.1).
    let mut out: Vec<u8> = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    let mut tail = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for off in offsets {
        let _ = writeln!(tail, "{off:010} 00000 n ");
    }
    let _ = write!(
        tail,
        "trailer\n<< /Size {} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.extend_from_slice(tail.as_bytes());
    out
}

impl Default for Halaman {
    fn default() -> Self {
        Halaman::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_in_win_ansi() {
        assert_eq!(literal("a(b)\\c"), "(a\\(b\\)\\\\c)");
        assert_eq!(literal("s.d. 13–06"), "(s.d. 13\\22606)");
        assert_eq!(literal("Ñ"), "(\\321)");
        assert_eq!(literal("日"), "(?)");
    }

    #[test]
    fn cross_reference_offsets_point_at_objects() {
        let mut h = Halaman::new();
        h.teks(10.0, 10.0, 12.0, false, "Nomor STTPP-X-0001");
        let pdf = h.selesai("uji");
        let text = String::from_utf8_lossy(&pdf).into_owned();
        assert!(text.starts_with("%PDF-1.4"));
        assert!(text.contains("(Nomor STTPP-X-0001) Tj"));
        let start: usize = text
            .rsplit("startxref\n")
            .next()
            .and_then(|t| t.lines().next())
            .and_then(|n| n.parse().ok())
            .unwrap();
        assert!(pdf[start..].starts_with(b"xref"));
        // Every xref entry is 20 bytes and points at "N 0 obj".
        let table = &text[text.find("xref\n").unwrap()..];
        for (i, line) in table.lines().skip(3).take(7).enumerate() {
            let off: usize = line[..10].parse().unwrap();
            assert!(pdf[off..].starts_with(format!("{} 0 obj", i + 1).as_bytes()));
        }
    }

    #[test]
    fn several_portrait_pages() {
        let mut a = Halaman::potret();
        a.teks(40.0, 800.0, 12.0, true, "satu");
        a.garis(40.0, 790.0, 555.0, 790.0, 0.5);
        let mut b = Halaman::potret();
        b.teks(40.0, 800.0, 12.0, false, "dua");
        let pdf = dokumen(&[a, b], "laporan");
        let text = String::from_utf8_lossy(&pdf).into_owned();
        assert!(text.contains("/Kids [6 0 R 8 0 R] /Count 2"));
        assert!(text.contains("/MediaBox [0 0 595 842]"));
        assert!(text.contains("40.0 790.0 m 555.0 790.0 l S"));
        let table = &text[text.find("xref\n").unwrap()..];
        for (i, line) in table.lines().skip(3).take(9).enumerate() {
            let off: usize = line[..10].parse().unwrap();
            assert!(pdf[off..].starts_with(format!("{} 0 obj", i + 1).as_bytes()));
        }
    }
}
