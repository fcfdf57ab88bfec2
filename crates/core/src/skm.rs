//! SKM (*Survei Kepuasan Masyarakat*, public-satisfaction survey) and its IKM (*Indeks Kepuasan
//! Masyarakat*) engine, method of PermenPANRB 14/2017 (REFERENCE §0 "IKM engine", §1, §2).
//!
//! Pure and exact: answers are keyed by *unsur* (service element), sums are kept in integers,
//! and the converted value is rounded once, exactly. Nothing here reads a clock or storage.
//!
//! # Layout
//! - [`Unsur`]: the nine elements, their codes, questions and answer labels (§1.2, §1.3).
//! - [`Jawaban`]: one questionnaire, scores 1..=4 keyed by unsur (§0.1, §0.2).
//! - [`Akumulator`] → [`HasilIkm`]: NRR, IKM, converted value, mutu (§0.3–§0.6).
//! - [`Bobot`], [`Mutu`], [`mutu`]: the weight and the quality bands (§0.4, §0.6).
//! - [`gabung`]: roll-ups by pooling, empty units listed as "no data" (§0.7).
//! - [`sampel_minimum`]: Krejcie & Morgan minimum sample (§0.8, §1.6).
//! - [`Preset`], [`rentang`], [`Periode`]: survey periods (§0.9).
//! - [`Definisi`]: per-unit survey definition (Q4 labels, profile lists, local questions).
//! - [`kode_token`], [`TokenDitolak`]: single-use tokens per service transaction.

mod definisi;
mod gabung;
mod ikm;
mod jawaban;
mod kuesioner;
mod mutu;
mod pecahan;
mod periode;
mod sampel;
mod token;
mod unsur;

pub use definisi::{
    Definisi, DefinisiInput, JawabanLokal, JenisLokal, MAX_LOKAL, PertanyaanLokal, TOKEN_JAM_BAWAAN,
};
pub use gabung::{Gabungan, gabung};
pub use ikm::{Akumulator, HasilIkm};
pub use jawaban::{Jawaban, SKOR_MAX, SKOR_MIN};
pub use kuesioner::{Kuesioner, KuesionerCells, KuesionerInput, MAX_SARAN, UMUR_MAKS, UMUR_MIN};
pub use mutu::{Bobot, Mutu, mutu, mutu_seperseratus};
pub use periode::{Periode, Preset, rentang};
pub use sampel::{AturanSampel, StatusSampel, TABEL_KREJCIE_MORGAN, sampel_minimum, status_sampel};
pub use token::{PANJANG_TOKEN, TokenDitolak, kode_token, normalisasi_token};
pub use unsur::Unsur;

/// Method tag recorded with every survey computed by this engine; legacy 2004/2014 results
/// keep their own tag and are never mixed into one index (REFERENCE §0.10).
pub const METODE: &str = "permenpanrb-14-2017";

#[cfg(test)]
mod tests;
