//! # bangkom-core
//!
//! The domain of Bangkom (*pengembangan kompetensi* ASN): validated identity and registry types,
//! the rules from `shared/domain/REFERENCE.md`, and the SKM/IKM engine. It knows nothing of HTTP
//! or SQL; the `db` and `web` crates build on it.
//!
//! # Layout
//! - [`dampak`]: impact evaluation — difference in differences with a unit bootstrap.
//! - [`error`]: field-level validation errors shared by forms, API and imports.
//! - [`nip`]: `Nip::parse` (REFERENCE §5.1).
//! - [`golongan`]: PNS golongan/ruang with pangkat names and PPPK golongan (§5.2, §5.3).
//! - [`jabatan`]: position types (UU 20/2023, with UU 5/2014 and SIMPEG aliases, §5.4).
//! - [`jp`]: jalur (forms of competency development, SIASN codes) and the yearly JP target (§3).
//! - [`layanan`]: public-service transactions and their time statistics (§6).
//! - [`org`]: the organisation tree (pemda → OPD → unit) and its codes.
//! - [`pegawai`]: the ASN record and its validator.
//! - [`peserta`]: participation statuses, completion rules, scores, learning gain, STTPP numbers.
//! - [`program`]: the program catalogue entry as entered and validated, JP corrections, status.
//! - [`role`]: account roles.
//! - [`skm`]: the public-satisfaction survey and IKM engine (PermenPANRB 14/2017, §0 and §1).

pub mod dampak;
pub mod error;
pub mod evaluasi;
pub mod golongan;
pub mod jabatan;
pub mod jp;
pub mod layanan;
pub mod lembaga;
pub mod nip;
pub mod org;
pub mod pegawai;
pub mod pengalaman;
pub mod peserta;
pub mod program;
pub mod role;
pub mod skm;
