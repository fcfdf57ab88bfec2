//! SKM storage: questionnaires (never deleted; excluded ones keep a reason) and the pooled
//! aggregates the IKM engine needs (REFERENCE §0.3, §0.7): per unsur, the sum of answers and the
//! number of questionnaires that answered it, over any set of units and any date range. Every
//! write here also moves the maintained aggregates in its transaction ([`crate::skm_agregat`]).

use bangkom_core::skm::{Akumulator, Kuesioner, Unsur};

use crate::audit::Actor;
use crate::org::OrgIndex;
use crate::query::Sql;
use crate::skm_agregat::{Deltas, agregat_apply};
use crate::{Arg, BeginWrite, Db, DbError, Result, on};

/// A stored questionnaire, for review.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ResponsRow {
    /// Key.
    pub respons_id: i64,
    /// Unit.
    pub unit_id: i64,
    /// Service type.
    pub layanan: Option<String>,
    /// Service date.
    pub tanggal: time::Date,
    /// Answers.
    pub persyaratan: Option<i64>,
    #[allow(missing_docs)]
    pub prosedur: Option<i64>,
    #[allow(missing_docs)]
    pub waktu: Option<i64>,
    #[allow(missing_docs)]
    pub biaya: Option<i64>,
    #[allow(missing_docs)]
    pub produk: Option<i64>,
    #[allow(missing_docs)]
    pub kompetensi: Option<i64>,
    #[allow(missing_docs)]
    pub perilaku: Option<i64>,
    #[allow(missing_docs)]
    pub pengaduan: Option<i64>,
    #[allow(missing_docs)]
    pub sarana: Option<i64>,
    /// Comment.
    pub saran: Option<String>,
    /// `web`, `kertas`, `impor`.
    pub sumber: String,
    /// Left out of the index.
    pub dikecualikan: bool,
    /// Why.
    pub alasan_kecuali: Option<String>,
    /// Stored at.
    pub dibuat: time::OffsetDateTime,
}

impl ResponsRow {
    /// Answers in `Unsur::ALL` order.
    pub fn jawaban(&self) -> [Option<i64>; 9] {
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

/// Flags bursts: more than `limit` web responses for one unit within any `window` (a burst may be
/// one person or a script filling the form again and again; an administrator decides).
pub fn bursts(
    times: &[(i64, time::OffsetDateTime)],
    window: time::Duration,
    limit: usize,
) -> Vec<(i64, time::OffsetDateTime, usize)> {
    let mut out: Vec<(i64, time::OffsetDateTime, usize)> = Vec::new();
    let mut start = 0;
    for end in 0..times.len() {
        let (unit, t) = times[end];
        while start < end && (times[start].0 != unit || t - times[start].1 > window) {
            start += 1;
        }
        let n = end - start + 1;
        if n > limit {
            match out.last_mut() {
                Some(last) if last.0 == unit && t - last.1 <= window * 2 => last.2 = last.2.max(n),
                _ => out.push((unit, times[start].1, n)),
            }
        }
    }
    out
}

/// A questionnaire with its unit resolved.
#[derive(Debug, Clone)]
pub struct ResponsValues {
    /// The questionnaire.
    pub k: Kuesioner,
    /// Unit org id.
    pub unit_id: i64,
}

impl ResponsValues {
    /// Resolves the unit code against the tree.
    pub fn resolve(k: Kuesioner, org: &OrgIndex) -> std::result::Result<ResponsValues, String> {
        let unit = org
            .by_kode(k.unit.as_str())
            .ok_or_else(|| format!("kode unit {} tidak terdaftar", k.unit))?;
        Ok(ResponsValues {
            unit_id: unit.org_id,
            k,
        })
    }
}

/// The columns of [`ResponsRow`].
const ROW_SELECT: &str = "SELECT respons_id, unit_id, layanan, tanggal, persyaratan, prosedur, waktu, biaya, produk, \
    kompetensi, perilaku, pengaduan, sarana, saran, sumber, dikecualikan, alasan_kecuali, dibuat FROM skm_respons";

/// A questionnaire's answers as stored integers, in `Unsur::ALL` order.
pub(crate) fn jawaban_i64(k: &Kuesioner) -> [Option<i64>; 9] {
    Unsur::ALL.map(|u| k.jawaban.get(u).map(i64::from))
}

const COLS: &str = "unit_id, layanan, tanggal, jenis_kelamin, umur, pendidikan, pekerjaan, persyaratan, prosedur, \
    waktu, biaya, produk, kompetensi, perilaku, pengaduan, sarana, saran, sumber, dikecualikan, dibuat";

fn opt_text(v: &Option<String>) -> Arg {
    v.clone().map_or(Arg::NT, Arg::T)
}

pub(crate) fn insert_sql(rows: &[ResponsValues], sumber: &str, now: time::OffsetDateTime) -> Sql {
    insert_rows(rows.iter(), None, sumber, now)
}

/// The multi-row INSERT of `rows`, with their ids given (`ids[i]` for the i-th row) or assigned
/// by the database.
pub(crate) fn insert_rows<'a>(
    rows: impl Iterator<Item = &'a ResponsValues>,
    ids: Option<&[i64]>,
    sumber: &str,
    now: time::OffsetDateTime,
) -> Sql {
    let id_col = if ids.is_some() { "respons_id, " } else { "" };
    let mut q = Sql::new(&format!("INSERT INTO skm_respons ({id_col}{COLS}) VALUES "));
    for (i, r) in rows.enumerate() {
        if i > 0 {
            q.push(",");
        }
        let mut args = Vec::with_capacity(21);
        if let Some(ids) = ids {
            args.push(Arg::I(ids.get(i).copied().unwrap_or_default()));
        }
        args.extend([
            Arg::I(r.unit_id),
            opt_text(&r.k.layanan),
            Arg::D(r.k.tanggal),
            opt_text(&r.k.jenis_kelamin.map(|j| j.code().to_string())),
            r.k.umur.map_or(Arg::NI, |u| Arg::I(i64::from(u))),
            opt_text(&r.k.pendidikan),
            opt_text(&r.k.pekerjaan),
        ]);
        for u in Unsur::ALL {
            args.push(r.k.jawaban.get(u).map_or(Arg::NI, |v| Arg::I(i64::from(v))));
        }
        args.push(opt_text(&r.k.saran));
        args.push(Arg::T(sumber.to_string()));
        args.push(Arg::B(false));
        args.push(Arg::Ts(now));
        let ph: Vec<String> = args.into_iter().map(|a| q.arg(a)).collect();
        q.push(&format!("({})", ph.join(",")));
    }
    q
}

impl Db {
    /// Excludes (or re-includes) a response from the index, with a reason; audited, never deleted.
    pub async fn skm_exclude(
        &self,
        actor: &Actor,
        respons_id: i64,
        exclude: bool,
        alasan: &str,
    ) -> Result<()> {
        on!(self, p => {
            let mut tx = p.begin_write().await?;
            // Only a change of state moves the aggregates: excluding subtracts the response,
            // re-including adds it back; a new reason alone changes nothing counted. The state
            // test is part of the UPDATE, so of two concurrent identical requests only one sees
            // a change (PostgreSQL re-checks the condition after the row lock is released).
            let changed = sqlx::query("UPDATE skm_respons SET dikecualikan = $1, alasan_kecuali = $2 WHERE respons_id = $3 AND dikecualikan <> $1")
                .bind(exclude)
                .bind(alasan)
                .bind(respons_id)
                .execute(&mut *tx)
                .await?
                .rows_affected() == 1;
            if changed {
                let row: ResponsRow = sqlx::query_as(&format!("{ROW_SELECT} WHERE respons_id = $1"))
                    .bind(respons_id)
                    .fetch_one(&mut *tx)
                    .await?;
                let mut deltas = Deltas::default();
                deltas.add(row.unit_id, row.layanan.as_deref(), row.tanggal, &row.jawaban(), if exclude { -1 } else { 1 });
                agregat_apply!(self.backend() == "sqlite", tx, &deltas);
            } else {
                let r = sqlx::query("UPDATE skm_respons SET alasan_kecuali = $1 WHERE respons_id = $2")
                    .bind(alasan)
                    .bind(respons_id)
                    .execute(&mut *tx)
                    .await?;
                if r.rows_affected() == 0 {
                    return Err(DbError::NotFound);
                }
            }
            let after = serde_json::json!({"dikecualikan": exclude, "alasan": alasan}).to_string();
            crate::audit_record!(&mut *tx, actor, if exclude { "kecualikan" } else { "sertakan" }, "skm_respons", respons_id.to_string(), None, Some(after));
            tx.commit().await?;
        });
        Ok(())
    }

    /// Pooled sums and counts per unsur over `units` (None = every unit) and an inclusive date
    /// range; excluded responses never count (REFERENCE §0.3, §0.7). Pooling is the exact merge
    /// of the per-unit sums.
    pub async fn skm_akumulator(
        &self,
        units: Option<&[i64]>,
        from: time::Date,
        to: time::Date,
    ) -> Result<Akumulator> {
        let mut acc = Akumulator::default();
        for (_, a) in self.skm_akumulator_per_unit(units, from, to).await? {
            acc.merge(&a);
        }
        Ok(acc)
    }

    /// Stored questionnaires, newest first, for review (units None = all): page of 100.
    pub async fn skm_list(
        &self,
        units: Option<&[i64]>,
        from: time::Date,
        to: time::Date,
        page: u32,
    ) -> Result<Vec<ResponsRow>> {
        let off = i64::from(page.max(1) - 1) * 100;
        self.skm_rows(
            units,
            from,
            to,
            &format!(" ORDER BY respons_id DESC LIMIT 100 OFFSET {off}"),
        )
        .await
    }

    /// Every questionnaire counted in the index (excluded ones left out), oldest first: the rows of
    /// the processing table.
    pub async fn skm_counted(
        &self,
        units: Option<&[i64]>,
        from: time::Date,
        to: time::Date,
    ) -> Result<Vec<ResponsRow>> {
        self.skm_rows(
            units,
            from,
            to,
            " AND dikecualikan = $3 ORDER BY tanggal, respons_id",
        )
        .await
    }

    async fn skm_rows(
        &self,
        units: Option<&[i64]>,
        from: time::Date,
        to: time::Date,
        tail: &str,
    ) -> Result<Vec<ResponsRow>> {
        let mut sql = format!("{ROW_SELECT} WHERE tanggal >= $1 AND tanggal <= $2");
        if let Some(ids) = units {
            sql.push_str(&format!(" AND unit_id IN {}", Sql::id_list(ids)));
        }
        // The tail may add a filter on `$3` (bound to false) before its ORDER BY.
        sql.push_str(tail);
        Ok(on!(self, p => {
            let q = sqlx::query_as(&sql).bind(from).bind(to);
            if sql.contains("$3") { q.bind(false).fetch_all(p).await? } else { q.fetch_all(p).await? }
        }))
    }

    /// When each web response of the last days arrived, per unit: the input of burst detection.
    /// A web response's `tanggal` is its day of arrival in WIB (UTC+7), never before the UTC day
    /// of `dibuat`; the condition on it lets the date index find the recent rows instead of
    /// reading every stored response (10,000,000 at the scale) on each page view.
    pub async fn skm_web_times(
        &self,
        since: time::OffsetDateTime,
    ) -> Result<Vec<(i64, time::OffsetDateTime)>> {
        // Sorted here: an ORDER BY unit_id would make SQLite walk the (unit_id, tanggal) index
        // over every stored response to avoid a sort of a few hundred rows.
        const SQL: &str = "SELECT unit_id, dibuat FROM skm_respons WHERE tanggal >= $1 AND sumber = $2 AND dibuat >= $3";
        let day = since.to_offset(time::UtcOffset::UTC).date();
        let day = day.previous_day().unwrap_or(day);
        let mut rows: Vec<(i64, time::OffsetDateTime)> = on!(self, p => sqlx::query_as(SQL).bind(day).bind("web").bind(since).fetch_all(p).await?);
        rows.sort_unstable();
        Ok(rows)
    }

    /// Records the population of a unit for a period (replacing an earlier figure), audited.
    pub async fn skm_populasi_set(
        &self,
        actor: &Actor,
        unit_id: i64,
        from: time::Date,
        to: time::Date,
        populasi: i64,
    ) -> Result<()> {
        on!(self, p => {
            let mut tx = p.begin_write().await?;
            sqlx::query("DELETE FROM skm_populasi WHERE unit_id = $1 AND mulai = $2 AND selesai = $3")
                .bind(unit_id)
                .bind(from)
                .bind(to)
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO skm_populasi (unit_id, mulai, selesai, populasi) VALUES ($1, $2, $3, $4)")
                .bind(unit_id)
                .bind(from)
                .bind(to)
                .bind(populasi)
                .execute(&mut *tx)
                .await?;
            let after = serde_json::json!({"unit_id": unit_id, "mulai": from.to_string(), "selesai": to.to_string(), "populasi": populasi}).to_string();
            crate::audit_record!(&mut *tx, actor, "ubah", "skm_populasi", unit_id.to_string(), None, Some(after));
            tx.commit().await?;
        });
        Ok(())
    }

    /// The stored population of the units (None = all) for periods lying within `from..=to`,
    /// summed; None when nothing is stored for that range.
    pub async fn skm_populasi(
        &self,
        units: Option<&[i64]>,
        from: time::Date,
        to: time::Date,
    ) -> Result<Option<i64>> {
        let mut sql = String::from(
            "SELECT CAST(SUM(populasi) AS BIGINT), COUNT(*) FROM skm_populasi WHERE mulai >= $1 AND selesai <= $2",
        );
        if let Some(ids) = units {
            sql.push_str(&format!(" AND unit_id IN {}", Sql::id_list(ids)));
        }
        let (sum, n): (Option<i64>, i64) =
            on!(self, p => sqlx::query_as(&sql).bind(from).bind(to).fetch_one(p).await?);
        Ok(if n == 0 { None } else { sum })
    }

    /// The stored population per unit (None = all units) for periods lying within `from..=to`,
    /// summed per unit; units with nothing stored for that range are absent.
    pub async fn skm_populasi_per_unit(
        &self,
        units: Option<&[i64]>,
        from: time::Date,
        to: time::Date,
    ) -> Result<std::collections::HashMap<i64, i64>> {
        let mut sql = String::from(
            "SELECT unit_id, CAST(SUM(populasi) AS BIGINT) FROM skm_populasi WHERE mulai >= $1 AND selesai <= $2",
        );
        if let Some(ids) = units {
            sql.push_str(&format!(" AND unit_id IN {}", Sql::id_list(ids)));
        }
        sql.push_str(" GROUP BY unit_id");
        let rows: Vec<(i64, i64)> =
            on!(self, p => sqlx::query_as(&sql).bind(from).bind(to).fetch_all(p).await?);
        Ok(rows.into_iter().collect())
    }

    /// Number of stored responses (excluded included).
    pub async fn skm_count(&self) -> Result<i64> {
        let (n,): (i64,) =
            on!(self, p => sqlx::query_as("SELECT COUNT(*) FROM skm_respons").fetch_one(p).await?);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::bursts;

    #[test]
    fn a_burst_is_flagged_once_and_quiet_units_are_not() {
        let t0 = datetime!(2026-01-05 09:00 UTC);
        let mut times: Vec<(i64, time::OffsetDateTime)> = (0..30)
            .map(|i| (1, t0 + time::Duration::seconds(i * 10)))
            .collect();
        times.extend((0..30).map(|i| (2, t0 + time::Duration::minutes(i * 30))));
        let b = bursts(&times, time::Duration::minutes(10), 20);
        assert_eq!(b.len(), 1, "{b:?}");
        assert_eq!(b[0].0, 1);
        assert_eq!(b[0].2, 30);
    }
}
