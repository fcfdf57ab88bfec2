//! A minimal PNG writer for QR codes (issue 3 §2: "a QR code (PNG and SVG) per unit and
//! service"): one 8-bit greyscale image, each module `scale` pixels square, with the four-module
//! quiet zone the QR standard asks for. Only what a QR code needs: no palette, no interlacing.

use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;

/// The QR quiet zone, in modules (ISO/IEC 18004: four modules on every side).
const QUIET: usize = 4;

/// The PNG image of a square module matrix `dark` (row-major, `width` × `width`, true = dark).
///
/// # Panics
/// Never: sizes are bounded by the QR code (at most 177 modules) and `scale` is clamped to 1..=32.
#[must_use]
pub fn modules(dark: &[bool], width: usize, scale: usize) -> Vec<u8> {
    let scale = scale.clamp(1, 32);
    let side = (width + 2 * QUIET) * scale;
    // Each scanline: filter byte 0 (None), then one byte per pixel (0 = black, 255 = white).
    let mut raw = Vec::with_capacity(side * (side + 1));
    for y in 0..side {
        raw.push(0u8);
        let my = (y / scale).checked_sub(QUIET).filter(|m| *m < width);
        for x in 0..side {
            let mx = (x / scale).checked_sub(QUIET).filter(|m| *m < width);
            let is_dark = match (mx, my) {
                (Some(mx), Some(my)) => dark.get(my * width + mx).copied().unwrap_or(false),
                _ => false,
            };
            raw.push(if is_dark { 0 } else { 255 });
        }
    }
    let mut z = ZlibEncoder::new(Vec::new(), Compression::best());
    // Writing into a Vec cannot fail.
    let _ = z.write_all(&raw);
    let idat = z.finish().unwrap_or_default();

    let side32 = u32::try_from(side).unwrap_or(u32::MAX);
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&side32.to_be_bytes());
    ihdr.extend_from_slice(&side32.to_be_bytes());
    // Bit depth 8, colour type 0 (greyscale), deflate, adaptive filtering, no interlace.
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);

    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(&mut png, b"IDAT", &idat);
    chunk(&mut png, b"IEND", &[]);
    png
}

/// Appends one chunk: length, type, data, CRC-32 of type and data.
fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    let len = u32::try_from(data.len()).unwrap_or(u32::MAX);
    out.extend_from_slice(&len.to_be_bytes());
    let mut h = crc32fast::Hasher::new();
    h.update(kind);
    h.update(data);
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    out.extend_from_slice(&h.finalize().to_be_bytes());
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    /// Splits a PNG into its chunks, checking every CRC.
    fn chunks(png: &[u8]) -> Vec<(String, Vec<u8>)> {
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let mut out = Vec::new();
        let mut i = 8;
        while i < png.len() {
            let len = u32::from_be_bytes(png[i..i + 4].try_into().unwrap()) as usize;
            let kind = &png[i + 4..i + 8];
            let data = &png[i + 8..i + 8 + len];
            let crc = u32::from_be_bytes(png[i + 8 + len..i + 12 + len].try_into().unwrap());
            assert_eq!(crc, crc32fast::hash(&png[i + 4..i + 8 + len]), "CRC");
            out.push((String::from_utf8(kind.to_vec()).unwrap(), data.to_vec()));
            i += 12 + len;
        }
        out
    }

    #[test]
    fn a_two_by_two_matrix_decodes_back_to_its_pixels() {
        // Dark, light / light, dark at scale 2: side = (2 + 8) * 2 = 20 pixels.
        let png = modules(&[true, false, false, true], 2, 2);
        let c = chunks(&png);
        let names: Vec<&str> = c.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["IHDR", "IDAT", "IEND"]);
        let ihdr = &c[0].1;
        assert_eq!(u32::from_be_bytes(ihdr[0..4].try_into().unwrap()), 20);
        assert_eq!(u32::from_be_bytes(ihdr[4..8].try_into().unwrap()), 20);
        assert_eq!(&ihdr[8..], &[8, 0, 0, 0, 0]);
        let mut raw = Vec::new();
        flate2::read::ZlibDecoder::new(&c[1].1[..])
            .read_to_end(&mut raw)
            .unwrap();
        assert_eq!(raw.len(), 20 * 21);
        let px = |x: usize, y: usize| raw[y * 21 + 1 + x];
        assert!(raw.iter().step_by(21).all(|f| *f == 0), "filter bytes");
        // Quiet zone: the first 8 pixels (4 modules × 2) of every side are white.
        assert_eq!(px(0, 0), 255);
        assert_eq!(px(7, 8), 255);
        // Module (0,0) dark covers pixels 8..10 × 8..10; module (1,0) light; module (1,1) dark.
        assert_eq!(px(8, 8), 0);
        assert_eq!(px(9, 9), 0);
        assert_eq!(px(10, 8), 255);
        assert_eq!(px(8, 10), 255);
        assert_eq!(px(11, 11), 0);
        assert_eq!(px(12, 12), 255);
    }
}
