//! The rows of the SKM processing table (*tabel pengolahan data*, `/skm/olah.xlsx`): every
//! questionnaire counted in the index (excluded ones left out, REFERENCE §0.7), oldest first,
//! streamed from the database to the caller one row at a time, so an export of a few hundred
//! thousand responses is never held as a list. Only the columns the table shows are read.

use futures::TryStreamExt;

use crate::query::Sql;
use crate::{Db, on};

/// One counted questionnaire as the processing table shows it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OlahRow {
    /// Service date.
    pub tanggal: time::Date,
    /// Service type.
    pub layanan: Option<String>,
    /// Answers U1–U9 in `Unsur::ALL` order (1–4, None = not answered).
    #[sqlx(flatten)]
    pub jawaban: OlahJawaban,
}

/// The nine stored answers of an [`OlahRow`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
#[allow(missing_docs)]
pub struct OlahJawaban {
    pub persyaratan: Option<i64>,
    pub prosedur: Option<i64>,
    pub waktu: Option<i64>,
    pub biaya: Option<i64>,
    pub produk: Option<i64>,
    pub kompetensi: Option<i64>,
    pub perilaku: Option<i64>,
    pub pengaduan: Option<i64>,
    pub sarana: Option<i64>,
}

impl OlahJawaban {
    /// The answers in `Unsur::ALL` order.
    pub fn array(&self) -> [Option<i64>; 9] {
        [
            self.persyaratan,
            self.prosedur,
            self.waktu,
            self.biaya,
            self.produk,
            self.kompetensi,
            self.perilaku,
            self.pengaduan,
            self.sarana,
        ]
    }
}

impl Db {
    /// Calls `f` for every questionnaire of `units` (None = every unit) dated `from..=to` that
    /// counts in the index, ordered by date then id (the order of [`Db::skm_counted`]); returns
    /// the number of rows. An error from `f` stops the read.
    ///
    /// # Errors
    /// The database, or the first error `f` returns.
    pub async fn skm_olah<F, E>(
        &self,
        units: Option<&[i64]>,
        from: time::Date,
        to: time::Date,
        mut f: F,
    ) -> Result<usize, E>
    where
        F: FnMut(OlahRow) -> Result<(), E> + Send,
        E: From<crate::DbError>,
    {
        let mut sql = String::from(
            "SELECT tanggal, layanan, persyaratan, prosedur, waktu, biaya, produk, kompetensi, \
             perilaku, pengaduan, sarana FROM skm_respons \
             WHERE tanggal >= $1 AND tanggal <= $2 AND dikecualikan = $3",
        );
        if let Some(ids) = units {
            sql.push_str(&format!(" AND unit_id IN {}", Sql::id_list(ids)));
        }
        sql.push_str(" ORDER BY tanggal, respons_id");
        let mut n = 0usize;
        on!(self, pool => {
            let mut rows = sqlx::query_as::<_, OlahRow>(&sql)
                .bind(from)
                .bind(to)
                .bind(false)
                .fetch(pool);
            while let Some(r) = rows.try_next().await.map_err(|e| E::from(e.into()))? {
                f(r)?;
                n += 1;
            }
        });
        Ok(n)
    }
}
