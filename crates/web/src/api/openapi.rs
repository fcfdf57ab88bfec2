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
    ("post", "/skm/responses"),
    ("post", "/skm/token"),
    ("get", "/jp"),
    ("get", "/jp/buku"),
    ("get", "/pengalaman"),
    ("post", "/pengalaman"),
    ("get", "/klaim"),
    ("post", "/klaim"),
    ("get", "/layanan/waktu"),
    ("post", "/layanan/transaksi"),
    ("get", "/siasn/kursus"),
    ("get", "/program"),
    ("post", "/program"),
    ("get", "/program/{kode}"),
    ("put", "/program/{kode}"),
    ("post", "/program/{kode}/koreksi-jp"),
    ("get", "/program/{kode}/dampak"),
    ("get", "/program/{kode}/peserta"),
    ("post", "/program/{kode}/peserta"),
    ("post", "/program/{kode}/peserta/{nip}/keputusan"),
    ("post", "/program/{kode}/peserta/{nip}/batal"),
    ("post", "/program/{kode}/sesi"),
    ("put", "/program/{kode}/sesi/{sesi}/hadir"),
    ("put", "/program/{kode}/nilai"),
    ("post", "/program/{kode}/kelulusan"),
    ("get", "/sertifikat/{nomor}"),
    ("get", "/lembaga"),
    ("post", "/lembaga"),
    ("get", "/lembaga/{kode}"),
    ("put", "/lembaga/{kode}"),
    ("post", "/lembaga/{kode}/pks"),
    ("put", "/lembaga/{kode}/pks/{id}"),
    ("delete", "/lembaga/{kode}/pks/{id}"),
    ("put", "/program/{kode}/lembaga"),
    ("get", "/program/{kode}/evaluasi"),
    ("post", "/program/{kode}/reaksi"),
    ("get", "/tindak-lanjut"),
    ("post", "/program/{kode}/peserta/{nip}/tindak-lanjut"),
    ("put", "/program/{kode}/peserta/{nip}/penilai"),
    ("put", "/program/{kode}/penilai"),
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
    let mut doc = json!({
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
            "/jp": {"get": {"summary": "Buku JP tahunan (program selesai, pembelajaran berbasis pengalaman yang dinilai, klaim terverifikasi): PNS yang mencapai target 20 JP, JP per jalur, prakiraan yang berisiko tidak mencapai, rincian per pegawai", "parameters": [
                {"name": "scope", "in": "query", "required": true, "schema": {"type": "string"}, "description": "kode organisasi atau all"},
                {"name": "tahun", "in": "query", "required": true, "schema": {"type": "integer"}},
                {"name": "rinci", "in": "query", "required": false, "schema": {"type": "string", "enum": ["1"]}}
            ], "responses": {"200": {"description": "rekap JP"}, "404": err, "422": err}}},
            "/jp/buku": {"get": {"summary": "Ekspor buku JP setahun: satu baris per kredit (program selesai, kegiatan berbasis pengalaman yang dinilai, klaim terverifikasi) dengan pegawai, tanggal, sumber, kegiatan, jalur dan JP", "parameters": [
                {"name": "scope", "in": "query", "required": true, "schema": {"type": "string"}, "description": "kode organisasi atau all"},
                {"name": "tahun", "in": "query", "required": true, "schema": {"type": "integer"}},
                {"name": "format", "in": "query", "required": false, "schema": {"type": "string", "enum": ["csv", "xlsx"]}}
            ], "responses": {"200": {"description": "file CSV (bawaan) atau XLSX"}, "403": err, "404": err, "422": err}}},
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
    });
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        paths.extend(program_paths(&err));
        paths.extend(skm_paths(&err));
        paths.extend(super::lembaga::paths(&err));
        paths.extend(super::evaluasi::paths(&err));
        paths.extend(super::pengalaman::paths(&err));
    }
    Json(doc)
}

/// SKM submissions and single-use tokens (issue 3 §2).
fn skm_paths(err: &Value) -> serde_json::Map<String, Value> {
    let json = json!({
            "/skm/responses": {"post": {"summary": "Kirim satu kuesioner SKM (publik); 201 setelah tersimpan permanen", "security": [],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["unit", "jawaban"], "properties": {
                    "unit": {"type": "string", "description": "kode organisasi unit layanan"},
                    "layanan": {"type": "string"}, "token": {"type": "string", "description": "token sekali pakai dari bukti layanan"},
                    "jenis_kelamin": {"type": "string", "enum": ["L", "P"]}, "umur": {"type": "integer"},
                    "pendidikan": {"type": "string"}, "pekerjaan": {"type": "string"}, "saran": {"type": "string"},
                    "jawaban": {"type": "object", "description": "kunci: persyaratan, prosedur, waktu, biaya, produk, kompetensi, perilaku, pengaduan, sarana; nilai 1..4", "additionalProperties": {"type": "integer", "minimum": 1, "maximum": 4}},
                    "lokal": {"type": "object", "description": "jawaban pertanyaan lokal (l1…); tidak masuk indeks"}
                }}}}},
                "responses": {"201": {"description": "{\"id\": …}"}, "422": err, "429": err}}},
            "/skm/token": {"post": {"summary": "Terbitkan token survei sekali pakai untuk satu transaksi layanan (operator/admin)",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["unit"], "properties": {
                    "unit": {"type": "string"}, "layanan": {"type": "string"}, "tiket": {"type": "string", "description": "nomor tiket antrean/transaksi"}
                }}}}},
                "responses": {"201": {"description": "token, url, kedaluwarsa"}, "403": err, "404": err, "422": err}}}
    });
    json.as_object().cloned().unwrap_or_default()
}

/// The catalogue list's query parameters.
fn katalog_params() -> Value {
    let q = |name: &str, d: &str| json!({"name": name, "in": "query", "schema": {"type": "string"}, "description": d});
    json!([
        q("q", "bagian kode atau nama (tanpa membedakan huruf besar/kecil)"),
        q("tahun", "tahun JP: tanggal selesai program jatuh pada tahun ini"),
        q("jalur", "id jenis diklat SIASN 1–25 atau kode jd01–jd25"),
        {"name": "bentuk", "in": "query", "schema": {"type": "string", "enum": ["klasikal", "nonklasikal"]}},
        q("lembaga", "kode lembaga penyelenggara"),
        {"name": "status", "in": "query", "schema": {"type": "string", "enum": ["akan_datang", "berlangsung", "selesai"]}, "description": "menurut tanggal program pada hari ini (WIB)"},
        {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["mulai", "kode", "nama", "jalur", "jp", "biaya"]}},
        {"name": "desc", "in": "query", "schema": {"type": "string", "enum": ["1"]}},
        {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
        {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500}}
    ])
}

/// The program body of create and edit.
fn program_body() -> Value {
    let s = |d: &str| json!({"type": "string", "description": d});
    let n = |d: &str| json!({"type": ["integer", "string"], "description": d});
    let l = |d: &str| json!({"type": ["array", "string"], "items": {"type": "string"}, "description": d});
    json!({"required": true, "content": {"application/json": {"schema": {"type": "object",
    "required": ["kode", "nama", "jalur", "jp", "mulai", "selesai"],
    "properties": {
        "kode": s("huruf, angka, '-', '_', '.'; maks. 60; disimpan huruf besar"),
        "nama": s("nama program"),
        "jalur": n("jenis diklat SIASN 1–25 (REFERENCE §3.3) atau kode jd01–jd25"),
        "bentuk": {"type": "string", "enum": ["klasikal", "nonklasikal", ""], "description": "kosong = menurut jalur (id 1–13 klasikal)"},
        "penyelenggara": s("teks bebas; wajib bila lembaga kosong; kosong = nama lembaga"),
        "lembaga": s("kode lembaga pelatihan (staf lembaga: selalu lembaganya sendiri)"),
        "kompetensi": s("kompetensi sasaran"),
        "jp": n("1–1000"),
        "biaya": n("rupiah per peserta, ≥ 0"),
        "kuota": n("kosong/null = tidak dibatasi; tidak boleh di bawah tempat yang sudah terisi"),
        "sasaran_jabatan": l("kode jenis jabatan (jpt_utama … pelaksana); kosong = semua"),
        "opd": l("kode OPD; kosong = semua"),
        "mulai": {"type": "string", "format": "date"},
        "selesai": {"type": "string", "format": "date", "description": "tidak sebelum mulai; menentukan tahun JP"},
        "min_hadir_persen": n("syarat kelulusan 0–100, bawaan 80"),
        "min_nilai_post": n("syarat kelulusan 0–100, bawaan 60; 0 = tanpa post-test")
    }}}}})
}

/// The participation workflow (issue 4).
fn program_paths(err: &Value) -> serde_json::Map<String, Value> {
    let kode =
        json!({"name": "kode", "in": "path", "required": true, "schema": {"type": "string"}});
    let nip = json!({"name": "nip", "in": "path", "required": true, "schema": {"type": "string"}});
    let sesi =
        json!({"name": "sesi", "in": "path", "required": true, "schema": {"type": "integer"}});
    let body = |props: Value, required: &[&str]| json!({"required": true, "content": {"application/json": {"schema": {"type": "object", "required": required, "properties": props}}}});
    let s = json!({"type": "string"});
    let i = json!({"type": ["integer", "null"], "minimum": 0, "maximum": 100});
    let ok = |d: &str| json!({"description": d});
    let json = json!({
        "/program": {
            "get": {"summary": "Katalog program: cari kode/nama, saring, urutkan, halaman (staf lembaga: hanya program lembaganya)", "parameters": katalog_params(), "responses": {"200": ok("{items: [program], total, page, per_page}")}},
            "post": {"summary": "Tambah program (admin; staf lembaga untuk lembaganya sendiri). Angka boleh dikirim sebagai angka atau teks; opd dan sasaran_jabatan sebagai larik atau teks berpisah koma", "requestBody": program_body(), "responses": {"201": ok("program"), "403": err, "422": err}}
        },
        "/program/{kode}": {
            "get": {"summary": "Satu program: sesi, peserta (sesuai cakupan pemanggil), rata-rata peningkatan nilai", "parameters": [kode], "responses": {"200": ok("program"), "404": err}},
            "put": {"summary": "Ubah program (admin; staf lembaga penyelenggaranya). Kode pada path yang berlaku. Setelah ada peserta yang ditetapkan kelulusannya, JP, jalur, tanggal dan syarat kelulusan tidak dapat diubah (422; JP lewat koreksi-jp)", "parameters": [kode], "requestBody": program_body(), "responses": {"200": ok("program"), "403": err, "404": err, "422": err}}
        },
        "/program/{kode}/koreksi-jp": {"post": {"summary": "Koreksi JP setelah ada kelulusan (admin): JP program dan JP diakui setiap peserta selesai diubah dalam satu transaksi, tercatat di audit dengan nilai lama, baru dan alasan", "parameters": [kode], "requestBody": body(json!({"jp": {"type": "integer", "minimum": 1, "maximum": 1000}, "alasan": s}), &["jp", "alasan"]), "responses": {"200": ok("jp_lama, jp_baru, peserta (jumlah peserta selesai yang dikoreksi)"), "403": err, "404": err, "422": err}}},
        "/program/{kode}/dampak": {"get": {"summary": "Dampak program (issue 5): unit dilatih dari peserta yang selesai (atau nip_petugas pada transaksi) dan unit pembanding dengan jenis layanan yang sama tanpa peserta; difference-in-differences waktu layanan (rasio median) dan IKM (selisih poin) dengan selang kepercayaan bootstrap per unit, uji tren awal, median bulanan kedua kelompok, dan empat level Kirkpatrick (admin, pimpinan; operator bila ada peserta di OPD-nya)", "parameters": [kode,
            {"name": "sebelum_dari", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "bawaan: 12 bulan sebelum tanggal mulai"},
            {"name": "sebelum_sampai", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "bawaan: sehari sebelum tanggal mulai"},
            {"name": "sesudah_dari", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "bawaan: awal bulan sesudah tanggal selesai"},
            {"name": "sesudah_sampai", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "bawaan: 12 bulan sesudahnya"},
            {"name": "seed", "in": "query", "schema": {"type": "integer"}}], "responses": {"200": ok("kode, sebelum, sesudah, unit_dilatih, unit_pembanding, sumber_unit, waktu, ikm (kontrak bangkom dampak), bulanan, kirkpatrick"), "403": err, "404": err, "422": err}}},
        "/program/{kode}/peserta": {"get": {"summary": "Peserta program yang dapat dilihat pemanggil (cakupan sama dengan GET /program/{kode}): cari NIP/nama, saring status, urutkan, 50 per halaman", "parameters": [kode,
            {"name": "cari", "in": "query", "schema": {"type": "string"}, "description": "bagian NIP atau nama"},
            {"name": "status", "in": "query", "schema": {"type": "string", "enum": ["diusulkan", "menunggu", "disetujui", "ditolak", "dibatalkan", "selesai", "tidak_selesai"]}},
            {"name": "urut", "in": "query", "schema": {"type": "string", "enum": ["nip", "nama", "status", "hadir", "post", "peningkatan"]}, "description": "bawaan status"},
            {"name": "turun", "in": "query", "schema": {"type": "string", "enum": ["1"]}, "description": "1 = menurun"},
            {"name": "hal", "in": "query", "schema": {"type": "integer", "minimum": 1}}], "responses": {"200": ok("{items: [peserta], total, page, pages, per_page}"), "404": err}},
            "post": {"summary": "Usulkan pegawai (admin, operator OPD-nya sendiri) atau ajukan diri (pegawai; nip diabaikan). Di atas kuota: status menunggu (daftar tunggu), bukan galat", "parameters": [kode], "requestBody": body(json!({"nip": s}), &[]), "responses": {"201": ok("status diusulkan atau menunggu"), "403": err, "404": err, "422": err}}},
        "/program/{kode}/peserta/{nip}/keputusan": {"post": {"summary": "Setujui atau tolak (dengan alasan); penolakan menaikkan daftar tunggu (admin)", "parameters": [kode, nip], "requestBody": body(json!({"setuju": {"type": "boolean"}, "alasan": s}), &["setuju"]), "responses": {"200": ok("status baru dan NIP yang naik dari daftar tunggu"), "403": err, "404": err, "422": err}}},
        "/program/{kode}/peserta/{nip}/batal": {"post": {"summary": "Batalkan keikutsertaan; daftar tunggu naik otomatis", "parameters": [kode, nip], "requestBody": body(json!({"alasan": s}), &[]), "responses": {"200": ok("dibatalkan"), "403": err, "404": err, "422": err}}},
        "/program/{kode}/sesi": {"post": {"summary": "Tambah sesi (admin)", "parameters": [kode], "requestBody": body(json!({"tanggal": {"type": "string", "format": "date"}, "jam_mulai": s, "jam_selesai": s, "tempat": s, "tautan": s, "pengajar": s}), &["tanggal", "jam_mulai", "jam_selesai"]), "responses": {"201": ok("sesi_id"), "403": err, "422": err}}},
        "/program/{kode}/sesi/{sesi}/hadir": {"put": {"summary": "Presensi satu sesi untuk seluruh kelas: NIP yang hadir; peserta disetujui lainnya tidak hadir (admin)", "parameters": [kode, sesi], "requestBody": body(json!({"hadir": {"type": "array", "items": s}}), &["hadir"]), "responses": {"200": ok("jumlah hadir dan tidak hadir"), "403": err, "404": err, "422": err}}},
        "/program/{kode}/nilai": {"put": {"summary": "Nilai pre-test dan post-test 0–100 (admin)", "parameters": [kode], "requestBody": body(json!({"nilai": {"type": "array", "items": {"type": "object", "required": ["nip"], "properties": {"nip": s, "pre": i, "post": i}}}}), &["nilai"]), "responses": {"200": ok("disimpan"), "403": err, "422": err}}},
        "/program/{kode}/kelulusan": {"post": {"summary": "Tetapkan kelulusan peserta disetujui menurut syarat program; yang lulus mendapat JP dan nomor sertifikat (admin)", "parameters": [kode], "responses": {"200": ok("selesai dan tidak_selesai"), "403": err, "422": err}}},
        "/sertifikat/{nomor}": {"get": {"summary": "Verifikasi sertifikat (publik): nama, program, tanggal, JP, sah", "security": [], "parameters": [{"name": "nomor", "in": "path", "required": true, "schema": {"type": "string"}}], "responses": {"200": ok("sertifikat"), "404": err}}}
    });
    match json {
        Value::Object(m) => m,
        _ => serde_json::Map::new(),
    }
}
