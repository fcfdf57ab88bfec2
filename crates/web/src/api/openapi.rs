//! The OpenAPI 3.1 document of `/api/v1`, written by hand (a test keeps its paths equal to the
//! router's).

use axum::Json;
use serde_json::{Value, json};

/// The paths the document describes, also checked by the tests against the router.
pub const PATHS: &[(&str, &str)] = &[
    ("get", "/pegawai"),
    ("post", "/pegawai"),
    ("get", "/pegawai/{nip}"),
    ("put", "/pegawai/{nip}"),
    ("get", "/pegawai/{nip}/riwayat"),
    ("get", "/org"),
    ("get", "/audit"),
    ("post", "/token"),
    ("get", "/skm/ikm"),
    ("get", "/jp"),
    ("get", "/layanan/waktu"),
    ("post", "/layanan/transaksi"),
    ("get", "/siasn/kursus"),
];

fn pegawai_schema() -> Value {
    let s = |d: &str| json!({"type": "string", "description": d});
    json!({
        "type": "object",
        "required": ["nip","nama","jenis_kelamin","tanggal_lahir","jenis_asn","golongan","jenis_jabatan","jabatan","unit"],
        "properties": {
            "nip": s("18 digit (PNS: Perka BKN 22/2007)"),
            "nama": s("nama tanpa gelar"),
            "gelar_depan": s("opsional"), "gelar_belakang": s("opsional"),
            "jenis_kelamin": {"type": "string", "enum": ["L","P"]},
            "tanggal_lahir": {"type": "string", "format": "date"},
            "jenis_asn": {"type": "string", "enum": ["PNS","PPPK"]},
            "golongan": s("III/a … IV/e (PNS) atau I … XVII (PPPK)"),
            "jenis_jabatan": {"type": "string", "enum": ["jpt_utama","jpt_madya","jpt_pratama","administrator","pengawas","fungsional","pelaksana"]},
            "jabatan": s("nama jabatan"), "jenjang": s("opsional"),
            "unit": s("kode organisasi"),
            "status": {"type": "string", "enum": ["aktif","cuti","pensiun","pindah"]},
            "tmt_jabatan": {"type": "string", "format": "date"}
        }
    })
}

fn transaksi_schema() -> Value {
    let s = |d: &str| json!({"type": "string", "description": d});
    json!({
        "type": "object",
        "required": ["transaksi"],
        "properties": {"transaksi": {"type": "array", "maxItems": 5000, "items": {
            "type": "object",
            "required": ["unit","layanan","tiket","mulai","selesai"],
            "properties": {
                "unit": s("kode organisasi unit layanan (operator: hanya unit di OPD-nya)"),
                "layanan": s("kode jenis layanan, mis. ktp-el, kk, akta-kelahiran"),
                "tiket": s("nomor tiket/registrasi, unik per unit"),
                "mulai": s("persyaratan lengkap dan terdaftar; ISO 8601, WIB bila tanpa zona"),
                "selesai": s("dokumen diserahkan; ISO 8601, tidak sebelum mulai"),
                "nip_petugas": s("opsional"),
                "kanal": s("opsional: loket, online, MPP, …")
            }
        }}}
    })
}

/// `GET /api/v1/openapi.json`
pub async fn document() -> Json<Value> {
    let err = json!({"description": "galat", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Galat"}}}});
    let nip = json!({"name": "nip", "in": "path", "required": true, "schema": {"type": "string"}});
    let list_params: Vec<Value> = [
        "q",
        "pemda",
        "opd",
        "unit",
        "jenis_jabatan",
        "golongan",
        "jenis_asn",
        "status",
        "sort",
        "desc",
        "page",
        "per_page",
    ]
    .iter()
    .map(|n| json!({"name": n, "in": "query", "required": false, "schema": {"type": "string"}}))
    .collect();
    let peg = json!({"$ref": "#/components/schemas/Pegawai"});
    Json(json!({
        "openapi": "3.1.0",
        "info": {"title": "Bangkom API", "version": "1", "description": "Registri ASN, struktur organisasi dan log audit. Autentikasi: header Authorization: Bearer <token> (POST /token), atau sesi peramban dengan header X-CSRF-Token untuk penulisan."},
        "servers": [{"url": "/api/v1"}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Pegawai": pegawai_schema(),
                "Galat": {"type": "object", "required": ["error","fields"], "properties": {"error": {"type": "string"}, "fields": {"type": "object", "additionalProperties": {"type": "string"}}}}
            }
        },
        "security": [{"bearer": []}],
        "paths": {
            "/pegawai": {
                "get": {"summary": "Daftar pegawai (cari, saring, urut, halaman)", "parameters": list_params, "responses": {"200": {"description": "satu halaman"}, "401": err}},
                "post": {"summary": "Tambah pegawai", "requestBody": {"content": {"application/json": {"schema": peg}}}, "responses": {"201": {"description": "dibuat"}, "409": err, "422": err}}
            },
            "/pegawai/{nip}": {
                "get": {"summary": "Satu pegawai", "parameters": [nip], "responses": {"200": {"description": "pegawai"}, "404": err}},
                "put": {"summary": "Ubah pegawai (NIP tetap)", "parameters": [nip], "requestBody": {"content": {"application/json": {"schema": peg}}}, "responses": {"200": {"description": "diubah"}, "404": err, "422": err}}
            },
            "/pegawai/{nip}/riwayat": {"get": {"summary": "Riwayat jabatan dan unit", "parameters": [nip], "responses": {"200": {"description": "riwayat"}, "404": err}}},
            "/org": {"get": {"summary": "Struktur organisasi", "responses": {"200": {"description": "simpul"}}}},
            "/audit": {"get": {"summary": "Log audit (admin)", "responses": {"200": {"description": "catatan"}, "403": err}}},
            "/skm/ikm": {"get": {"summary": "IKM (PermenPANRB 14/2017) untuk cakupan dan periode apa pun; publik", "security": [], "parameters": [
                {"name": "scope", "in": "query", "required": true, "schema": {"type": "string"}, "description": "kode organisasi atau all"},
                {"name": "from", "in": "query", "required": true, "schema": {"type": "string", "format": "date"}},
                {"name": "to", "in": "query", "required": true, "schema": {"type": "string", "format": "date"}},
                {"name": "bobot", "in": "query", "required": false, "schema": {"type": "string", "enum": ["1/9", "0.111"]}},
                {"name": "populasi", "in": "query", "required": false, "schema": {"type": "integer"}}
            ], "responses": {"200": {"description": "laporan IKM"}, "422": err}}},
            "/jp": {"get": {"summary": "Buku JP tahunan: PNS yang mencapai target 20 JP, JP per jalur, rincian per pegawai", "parameters": [
                {"name": "scope", "in": "query", "required": true, "schema": {"type": "string"}, "description": "kode organisasi atau all"},
                {"name": "tahun", "in": "query", "required": true, "schema": {"type": "integer"}},
                {"name": "rinci", "in": "query", "required": false, "schema": {"type": "string", "enum": ["1"]}}
            ], "responses": {"200": {"description": "rekap JP"}, "404": err, "422": err}}},
            "/siasn/kursus": {"get": {"summary": "Ekspor riwayat kursus untuk SIASN (JSON atau CSV)", "parameters": [
                {"name": "scope", "in": "query", "required": true, "schema": {"type": "string"}},
                {"name": "from", "in": "query", "required": true, "schema": {"type": "string", "format": "date"}},
                {"name": "to", "in": "query", "required": true, "schema": {"type": "string", "format": "date"}},
                {"name": "format", "in": "query", "required": false, "schema": {"type": "string", "enum": ["json", "csv"]}}
            ], "responses": {"200": {"description": "baris SIASN"}, "404": err, "422": err}}},
            "/layanan/waktu": {"get": {"summary": "Waktu pelayanan: jumlah transaksi, median, p90 (interpolasi linear), persen sesuai standar", "parameters": [
                {"name": "scope", "in": "query", "required": true, "schema": {"type": "string"}},
                {"name": "from", "in": "query", "required": true, "schema": {"type": "string", "format": "date"}},
                {"name": "to", "in": "query", "required": true, "schema": {"type": "string", "format": "date"}},
                {"name": "layanan", "in": "query", "required": false, "schema": {"type": "string"}}
            ], "responses": {"200": {"description": "statistik waktu"}, "404": err, "422": err}}},
            "/layanan/transaksi": {"post": {"summary": "Kirim transaksi layanan dari mesin antrean (maks. 5.000 per permintaan; semua atau tidak sama sekali; idempoten pada unit+tiket)", "requestBody": {"required": true, "content": {"application/json": {"schema": transaksi_schema()}}}, "responses": {
                "200": {"description": "diterima: {diterima, baru, sudah_ada}; tiket yang sudah tersimpan dengan data sama dihitung sudah_ada", "content": {"application/json": {"schema": {"type": "object", "required": ["diterima","baru","sudah_ada"], "properties": {"diterima": {"type": "integer"}, "baru": {"type": "integer"}, "sudah_ada": {"type": "integer"}}}}}},
                "401": err, "403": err,
                "409": {"description": "tiket sudah tersimpan dengan data berbeda; fields[\"transaksi[i].tiket\"]; tidak ada yang ditulis", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Galat"}}}},
                "422": {"description": "transaksi tidak valid; fields[\"transaksi[i].kolom\"]; tidak ada yang ditulis", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Galat"}}}}
            }}},
            "/token": {"post": {"summary": "Buat token API untuk akun sendiri (ditampilkan sekali)", "responses": {"201": {"description": "token"}, "422": err}}}
        }
    }))
}
