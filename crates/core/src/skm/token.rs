//! Single-use survey tokens (issue 3 §2): one service transaction gives at most one response.
//! The printed code is short enough to type from a receipt (10 Crockford base-32 characters,
//! 50 random bits); only its hash is stored.

/// Crockford base 32: no I, L, O, U, so a code read aloud or typed is not misread.
const ALFABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Length of a printed token.
pub const PANJANG_TOKEN: usize = 10;

/// The printed token for 50 random bits taken from `acak`.
pub fn kode_token(acak: [u8; 8]) -> String {
    let mut n = u64::from_le_bytes(acak);
    let mut out = String::with_capacity(PANJANG_TOKEN);
    for _ in 0..PANJANG_TOKEN {
        out.push(char::from(ALFABET[(n & 31) as usize]));
        n >>= 5;
    }
    out
}

/// A token as typed, normalised: spaces and dashes dropped, upper case, and the look-alikes
/// O → 0, I/L → 1 (Crockford's decoding rule). Empty when nothing was given.
pub fn normalisasi_token(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect()
}

/// Why a token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenDitolak {
    /// No such token was issued.
    TidakDikenal,
    /// The token already gave a response.
    SudahDipakai,
    /// Its validity ended.
    Kedaluwarsa,
    /// It was issued for another service unit.
    UnitLain,
    /// The unit requires a token and none was given.
    Wajib,
}

impl TokenDitolak {
    /// The message shown to the respondent (Bahasa Indonesia).
    pub fn pesan(self) -> &'static str {
        match self {
            TokenDitolak::TidakDikenal => {
                "kode token tidak dikenal; periksa kembali kode pada bukti layanan"
            }
            TokenDitolak::SudahDipakai => {
                "kode token ini sudah dipakai: satu layanan hanya dapat dinilai satu kali"
            }
            TokenDitolak::Kedaluwarsa => "kode token sudah kedaluwarsa",
            TokenDitolak::UnitLain => "kode token ini untuk unit layanan lain",
            TokenDitolak::Wajib => "unit ini meminta kode token dari bukti layanan Anda",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_short_and_normalised_as_typed() {
        let k = kode_token([0xff, 1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(k.len(), PANJANG_TOKEN);
        assert!(k.bytes().all(|b| ALFABET.contains(&b)));
        assert_ne!(k, kode_token([0xfe, 1, 2, 3, 4, 5, 6, 7]));
        assert_eq!(normalisasi_token(" ab-cO il "), "ABC0 11".replace(' ', ""));
        assert_eq!(normalisasi_token(""), "");
    }
}
