//! The statements, limits and pragmas of the employee import writer ([`super`]), and the words
//! of new employees waiting to be inserted in key order.

use super::super::save::INSERT_COLS;
use super::super::words;

/// Word rows per SQLite statement.
pub(super) const SQLITE_WORD_BATCH: usize = 2_000; // 6,000 parameters

/// Word rows per INSERT (3 parameters each).
pub(super) const WORD_BATCH: usize = 500;

/// The secondary indexes of `pegawai` and `pegawai_kata`, exactly as the migrations create them.
pub(super) const SECONDARY_INDEXES: &[(&str, &str)] = &[
    (
        "pegawai_nama",
        "CREATE INDEX pegawai_nama ON pegawai (nama_urut, pegawai_id)",
    ),
    (
        "pegawai_opd_nama",
        "CREATE INDEX pegawai_opd_nama ON pegawai (opd_id, nama_urut)",
    ),
    (
        "pegawai_pemda_nama",
        "CREATE INDEX pegawai_pemda_nama ON pegawai (pemda_id, nama_urut)",
    ),
    (
        "pegawai_unit",
        "CREATE INDEX pegawai_unit ON pegawai (unit_id)",
    ),
];

/// The page cache (KiB) of a bulk load of `rows` employees: about 1 KiB per row (table, NIP index,
/// words), between 256 MiB and 2 GiB.
pub(super) fn bulk_cache_kib(rows: usize) -> usize {
    rows.clamp(262_144, 2_097_152)
}

/// The rows per multi-row INSERT: 20 columns × 400 stays under SQLite's 32,766 parameters.
pub(super) const BATCH: usize = 400;

/// New employees in SQLite: one prepared multi-row `INSERT` with anonymous `?` parameters (see
/// [`crate::query::Sql::positional`]), the same text for every full batch so that it is prepared once, with the
/// ids assigned here — `RETURNING` sent every new id back through the driver's channel one row at
/// a time. Values are bound straight from the fields, without an intermediate argument list.
pub(super) fn sqlite_insert_text(rows: usize) -> String {
    let one = format!("({})", vec!["?"; 20].join(","));
    format!(
        "INSERT INTO pegawai (pegawai_id, {INSERT_COLS}) VALUES {}",
        vec![one.as_str(); rows].join(",")
    )
}

/// Word rows in SQLite, like [`sqlite_insert_text`].
pub(super) fn sqlite_words_text(rows: usize) -> String {
    format!(
        "INSERT INTO pegawai_kata (kata, nama_urut, pegawai_id) VALUES {}",
        vec!["(?,?,?)"; rows].join(",")
    )
}

/// Binds the new rows `fresh[from..to]` (ids `first_id + i`, lowercased names `lower[i]`) to
/// `$q`, in the column order of [`sqlite_insert_text`].
macro_rules! bind_new_rows {
    ($q:expr, $fresh:expr, $lower:expr, $first_id:expr, $now:expr, $range:expr) => {{
        let mut q = $q;
        for i in $range {
            let v: &PegawaiValues = $fresh[i];
            q = q
                .bind($first_id + i as i64)
                .bind(v.nip.as_str())
                .bind(v.nama.as_str())
                .bind($lower[i].as_str())
                .bind(v.gelar_depan.as_deref())
                .bind(v.gelar_belakang.as_deref())
                .bind(v.jenis_kelamin.as_str())
                .bind(v.tanggal_lahir)
                .bind(v.jenis_asn.as_str())
                .bind(v.golongan.as_str())
                .bind(v.golongan_rank)
                .bind(v.jenis_jabatan.as_str())
                .bind(v.jabatan.as_str())
                .bind(v.jenjang.as_deref())
                .bind(v.unit_id)
                .bind(v.opd_id)
                .bind(v.pemda_id)
                .bind(v.status.as_str())
                .bind(v.tmt_jabatan)
                .bind($now);
        }
        q
    }};
}
pub(super) use bind_new_rows;

/// Words of the new employees: `(word, index into names)`, and `(id, lowercased name)`.
#[derive(Default)]
pub(super) struct NewWords {
    names: Vec<(i64, String)>,
    pub(super) words: Vec<(String, u32)>,
}

impl NewWords {
    pub(super) fn add(&mut self, id: i64, nama: &str, urut: String) {
        let at = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.words.extend(words(nama).into_iter().map(|w| (w, at)));
        self.names.push((id, urut));
    }

    /// Key order (word, name, id): appending to the word index is several times cheaper than
    /// inserting at random places in it.
    pub(super) fn sort(mut self) -> Self {
        let names = &self.names;
        let key = |i: u32| names.get(i as usize).map(|(id, n)| (n.as_str(), *id));
        self.words
            .sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| key(a.1).cmp(&key(b.1))));
        self
    }

    pub(super) fn row<'a>(&'a self, w: &'a (String, u32)) -> (&'a str, &'a str, i64) {
        let (id, urut) = self
            .names
            .get(w.1 as usize)
            .map_or((0, ""), |(id, n)| (*id, n.as_str()));
        (w.0.as_str(), urut, id)
    }
}

/// Gives a connection back its usual page cache and in-memory temporary storage after an import
/// (see [`crate::Db::connect`]).
macro_rules! restore_pragmas {
    ($conn:expr) => {{
        sqlx::query(&format!("PRAGMA cache_size = {}", crate::SQLITE_CACHE_SIZE))
            .execute(&mut *$conn)
            .await?;
        sqlx::query("PRAGMA temp_store = MEMORY")
            .execute(&mut *$conn)
            .await?;
    }};
}
pub(super) use restore_pragmas;

#[cfg(test)]
mod tests {
    use super::SECONDARY_INDEXES;

    /// The indexes a bulk import drops and rebuilds are exactly those the migrations leave: all
    /// `pegawai_*` indexes of 0001 except the word table's pegawai_id index, which 0008 removes.
    #[test]
    fn rebuilt_indexes_match_the_migrations() {
        for backend in ["sqlite", "postgres"] {
            let read = |name: &str| {
                let path = format!("{}/migrations/{backend}/{name}", env!("CARGO_MANIFEST_DIR"));
                std::fs::read_to_string(path).unwrap()
            };
            let sql = read("0001_registry.sql");
            for (name, ddl) in SECONDARY_INDEXES {
                assert!(
                    sql.contains(&format!("{ddl};")),
                    "{backend}: {name} differs from the migration"
                );
            }
            let declared = sql.matches("CREATE INDEX pegawai_").count();
            assert_eq!(
                declared,
                SECONDARY_INDEXES.len() + 1,
                "{backend}: an index is missing from the list"
            );
            let later = read("0008_pegawai_kata.sql");
            assert!(
                later.contains("DROP INDEX IF EXISTS pegawai_kata_pegawai")
                    || later.contains("DROP TABLE pegawai_kata;"),
                "{backend}: 0008 removes the word table's pegawai_id index"
            );
        }
    }
}
