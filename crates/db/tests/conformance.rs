//! Storage conformance: every story runs unchanged on SQLite and on PostgreSQL, so the two
//! backends are held to the same behaviour (imports, list, save, accounts). The PostgreSQL half
//! is skipped with a message when no server is reachable (an error under CI, see `testkit`).

// Test code: a failed unwrap is a failed test (STYLE: tests may unwrap).
#![allow(clippy::unwrap_used)]

#[path = "conformance/support.rs"]
mod support;

#[path = "conformance/akun.rs"]
mod akun;
#[path = "conformance/bulk.rs"]
mod bulk;
#[path = "conformance/dampak.rs"]
mod dampak;
#[path = "conformance/import_pegawai.rs"]
mod import_pegawai;
#[path = "conformance/import_stream.rs"]
mod import_stream;
#[path = "conformance/jp_kepatuhan.rs"]
mod jp_kepatuhan;
#[path = "conformance/katalog.rs"]
mod katalog;
#[path = "conformance/layanan.rs"]
mod layanan;
#[path = "conformance/layanan_batch.rs"]
mod layanan_batch;
#[path = "conformance/layanan_ringkasan.rs"]
mod layanan_ringkasan;
#[path = "conformance/lembaga.rs"]
mod lembaga;
#[path = "conformance/lembaga_pks.rs"]
mod lembaga_pks;
#[path = "conformance/list.rs"]
mod list;
#[path = "conformance/org.rs"]
mod org;
#[path = "conformance/pengalaman.rs"]
mod pengalaman;
#[path = "conformance/penilai.rs"]
mod penilai;
#[path = "conformance/peserta.rs"]
mod peserta;
#[path = "conformance/populasi.rs"]
mod populasi;
#[path = "conformance/program.rs"]
mod program;
#[path = "conformance/rekap.rs"]
mod rekap;
#[path = "conformance/save.rs"]
mod save;
#[path = "conformance/siasn.rs"]
mod siasn;
#[path = "conformance/skm.rs"]
mod skm;
#[path = "conformance/skm_agregat.rs"]
mod skm_agregat;
#[path = "conformance/skm_impor.rs"]
mod skm_impor;
#[path = "conformance/skm_olah.rs"]
mod skm_olah;
#[path = "conformance/skm_token.rs"]
mod skm_token;
#[path = "conformance/survei.rs"]
mod survei;
