//! HTTP tests of the real application: a server on a free port over a fresh SQLite database with
//! demo data, driven through its forms and its JSON API like a browser or an integration would.
//!
//! - `common`: the harness (`spawn_app`, logged-in sessions, valid test records).
//! - `auth`: login, throttling, login-required pages, CSRF on forms and on the API.
//! - `scope`: OPD scope of operators, the pegawai role, the read-only pimpinan.
//! - `pegawai`: the create form (errors, kept values, escaping) and the JSON API contract.
//! - `berkas`: web import upload, CSV/XLSX export, the audit page.
//! - `katalog`: the program catalogue: create/edit forms and API, institution scope, JP
//!   correction, list filters, sort, pages and export.
//! - `program`: the participation workflow (nominate, waitlist, decide, attendance, scores,
//!   completion, certificate) over pages and API, with scope and bad input.
//! - `skm`: the public survey, the IKM API and the results page.
//! - `dampak`: a program's impact page and API.
//! - `dasbor`: the leaders' dashboard.
//! - `evaluasi`: Kirkpatrick level 1 (attendees only) and level 3 (due 3 and 6 months after).
//! - `lembaga`: training institutions, program organisers, the institution role's scope.
//! - `muatan`: the load test of the survey group commit (every acknowledged response is stored).
//! - `layanan`: the queue-machine batch API, service standards, the service-time page.
//! - `tautan`: survey links and QR codes (SVG, PNG) per unit and service.
//! - `jp_buku`: the ledger export (one row per credit), scoped, CSV and XLSX.
//! - `pengalaman_api`: the activities and claims lists of the API, scoped.

mod auth;
mod berkas;
mod common;
mod dampak;
mod dasbor;
mod evaluasi;
mod jp;
mod jp_buku;
mod katalog;
mod kertas;
mod layanan;
mod lembaga;
mod lembaga_pks;
mod muatan;
mod pegawai;
mod pengalaman;
mod pengalaman_api;
mod penilai;
mod program;
mod program_peserta;
mod scope;
mod skm;
mod survei;
mod tautan;
