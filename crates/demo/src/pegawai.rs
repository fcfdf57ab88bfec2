//! The streaming employee generator: splits `n` people over the org tree (structural posts
//! first, the rest proportional to realistic unit sizes), then produces one consistent record
//! at a time: name, sex, birth date, NIP or NI PPPK, golongan, position and dates.

mod gelar;
mod karier;
mod nip;
mod staf;

use time::Date;

use crate::PegawaiRecord;
use crate::org::{self, Node, OpdKind, UnitKind};
use crate::rng::Rng;
use karier::{Pendidikan, Peran, TAHUN_DATA};
use nip::{Registry, assign_pns, assign_pppk, shift_in_year};
use staf::{Field, Level};

/// Iterator over generated employees; see [`crate::pegawai`].
pub(crate) struct Generator {
    nodes: Vec<Node>,
    counts: Vec<u64>,
    node: usize,
    within: u64,
    rng: Rng,
    nips: Registry,
}

impl Generator {
    /// Plans `n` employees for `seed`.
    pub(crate) fn new(n: usize, seed: u64) -> Self {
        let nodes = org::build();
        let counts = plan(&nodes, n as u64, &mut Rng::new(seed, 1));
        Generator {
            nodes,
            counts,
            node: 0,
            within: 0,
            rng: Rng::new(seed, 2),
            nips: Registry::default(),
        }
    }
}

impl Iterator for Generator {
    type Item = PegawaiRecord;

    fn next(&mut self) -> Option<PegawaiRecord> {
        while self.within >= *self.counts.get(self.node)? {
            self.node += 1;
            self.within = 0;
        }
        let node = self.nodes.get(self.node)?;
        let j = self.within;
        self.within += 1;
        Some(person(&mut self.rng, &mut self.nips, node, j))
    }
}

fn rank_of(jenis: &str) -> usize {
    match jenis {
        "jpt_madya" => 0,
        "jpt_pratama" => 1,
        "administrator" => 2,
        _ => 3,
    }
}

/// Number of people at each node. With `n` at least the number of structural posts, every post
/// is filled and the rest is spread by weight (largest remainder, so the total is exact);
/// otherwise posts are filled from the top rank down, in tree order.
fn plan(nodes: &[Node], n: u64, rng: &mut Rng) -> Vec<u64> {
    let posts: u64 = nodes.iter().map(|nd| nd.posts.len() as u64).sum();
    if n < posts {
        let mut counts = vec![0u64; nodes.len()];
        let mut left = n;
        for level in 0..4 {
            for (c, nd) in counts.iter_mut().zip(nodes) {
                let here = nd
                    .posts
                    .iter()
                    .filter(|p| rank_of(p.jenis) == level)
                    .count() as u64;
                let take = here.min(left);
                *c += take;
                left -= take;
            }
        }
        return counts;
    }
    let weights: Vec<u64> = nodes
        .iter()
        .map(|nd| {
            let pemda = crate::jambi::PEMDA.get(nd.pemda).map_or("", |p| p.0);
            let jitter = u64::try_from(rng.range(70, 130)).unwrap_or(100);
            nd.unit_kind.map_or(0, |k| {
                u64::from(k.weight()) * u64::from(crate::jambi::size_weight(pemda)) * jitter
            })
        })
        .collect();
    let staff = largest_remainder(n - posts, &weights);
    nodes
        .iter()
        .zip(staff)
        .map(|(nd, s)| nd.posts.len() as u64 + s)
        .collect()
}

/// Splits `total` proportionally to `weights`, exactly (Hamilton's method).
fn largest_remainder(total: u64, weights: &[u64]) -> Vec<u64> {
    let sum: u128 = weights.iter().map(|w| u128::from(*w)).sum();
    if sum == 0 {
        return vec![0; weights.len()];
    }
    let t = u128::from(total);
    let mut out: Vec<u64> = Vec::with_capacity(weights.len());
    let mut rems: Vec<(u128, usize)> = Vec::with_capacity(weights.len());
    for (i, w) in weights.iter().enumerate() {
        let p = t * u128::from(*w);
        out.push(u64::try_from(p / sum).unwrap_or(0));
        rems.push((p % sum, i));
    }
    let given: u64 = out.iter().sum();
    rems.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in rems
        .iter()
        .take(usize::try_from(total - given).unwrap_or(0))
    {
        if let Some(o) = out.get_mut(*i) {
            *o += 1;
        }
    }
    out
}

pub(crate) fn fmt_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Field of study of a structural official, often that of the OPD's sector; doctors lead
/// health offices, hospitals and their medical services, not their finance sections.
fn structural_field(rng: &mut Rng, node: &Node, peran: Peran) -> Field {
    let r = rng.below(100);
    let medical_lead = matches!(peran, Peran::JptMadya | Peran::JptPratama)
        || node.nama.contains("Medik")
        || node.nama.contains("Penyakit");
    if node.unit_kind == Some(UnitKind::Puskesmas) {
        return match r {
            0..40 => Field::Dokter,
            40..70 => Field::Kesmas,
            _ => Field::Perawat,
        };
    }
    match node.opd_kind {
        Some(OpdKind::Dinkes | OpdKind::Rsud) => match r {
            0..40 if medical_lead => Field::Dokter,
            0..10 => Field::Dokter,
            40..75 => Field::Kesmas,
            _ => Field::Pemerintahan,
        },
        Some(OpdKind::Disdik | OpdKind::Bpsdm) if r < 50 => Field::Guru,
        Some(OpdKind::Pupr | OpdKind::Dishub) if r < 55 => Field::Teknik,
        Some(OpdKind::Kominfo) if r < 45 => Field::Komputer,
        Some(OpdKind::Bpkad | OpdKind::Bapenda | OpdKind::Inspektorat) if r < 50 => Field::Keuangan,
        Some(OpdKind::Setda | OpdKind::Setwan | OpdKind::Satpol) if r < 25 => Field::Hukum,
        Some(OpdKind::Dinsos) if r < 40 => Field::Sosial,
        _ => Field::Pemerintahan,
    }
}

/// One employee at `node`; the `j`-th person there holds the `j`-th structural post if any.
fn person(rng: &mut Rng, nips: &mut Registry, node: &Node, j: u64) -> PegawaiRecord {
    let pemda = crate::jambi::PEMDA.get(node.pemda).map_or("15", |p| p.0);
    let health_or_school = matches!(
        node.opd_kind,
        Some(OpdKind::Dinkes | OpdKind::Rsud | OpdKind::Disdik)
    );

    // Position: a structural post, or a functional/pelaksana position drawn from the unit's mix.
    let (peran, jenis, jabatan, level, field, female_pct, pppk) =
        if let Some(post) = usize::try_from(j).ok().and_then(|j| node.posts.get(j)) {
            let peran = match post.jenis {
                "jpt_madya" => Peran::JptMadya,
                "jpt_pratama" => Peran::JptPratama,
                "administrator" => Peran::Administrator,
                _ => Peran::Pengawas,
            };
            let base = match peran {
                Peran::JptMadya | Peran::JptPratama => 18,
                Peran::Administrator => 35,
                _ => 48,
            };
            let female = base + if health_or_school { 15 } else { 0 };
            let field = structural_field(rng, node, peran);
            (
                peran,
                post.jenis,
                post.jabatan.clone(),
                None,
                field,
                female,
                false,
            )
        } else {
            let mut pppk = rng.chance(staf::pppk_pct(node));
            let mut st = staf::pick(rng, node, pppk);
            if st.is_none() && pppk {
                pppk = false;
                st = staf::pick(rng, node, false);
            }
            match st {
                Some(st) => {
                    let level = choose_level(rng, st.levels, pppk);
                    let (peran, jenis, jabatan) = match level {
                        Some(l) => (
                            Peran::Fungsional(l),
                            "fungsional",
                            format!("{} {}", st.nama, l.label()),
                        ),
                        None => (Peran::Pelaksana, "pelaksana", st.nama.to_string()),
                    };
                    (peran, jenis, jabatan, level, st.field, st.female, pppk)
                }
                None => (
                    Peran::Pelaksana,
                    "pelaksana",
                    "Pengadministrasi Perkantoran".to_string(),
                    None,
                    Field::Pemerintahan,
                    55,
                    false,
                ),
            }
        };
    let female = rng.chance(female_pct);

    // PPPK are appointed from 2021 on; the year bounds the birth year (at least 20 at appointment).
    let pppk_year = if pppk {
        let years = [(2021, 10), (2022, 25), (2023, 25), (2024, 22), (2025, 18)];
        rng.weighted(&years, |y| y.1)
            .and_then(|i| years.get(i))
            .map_or(2023, |y| y.0)
    } else {
        0
    };
    // The data set covers births 1966-2001 (PPPK: appointed at 20 or older).
    let (by_lo, by_hi) = if pppk {
        (1972, (pppk_year - 20).min(2001))
    } else {
        peran.birth_years()
    };
    let birth_year = rng.range(by_lo, by_hi);
    let lahir0 = shift_in_year(karier::ymd(birth_year, 1, 1), rng.below(366));

    let spesialis = field == Field::Dokter
        && node.unit_kind == Some(UnitKind::Instalasi)
        && matches!(level, Some(Level::AhliMuda | Level::AhliMadya));
    let edu = if spesialis {
        Pendidikan::S2
    } else if pppk && level.is_none() {
        // PPPK pelaksana (golongan V) are mostly SMA leavers.
        if rng.chance(70) {
            Pendidikan::Sma
        } else {
            Pendidikan::D3
        }
    } else {
        peran.pendidikan(rng, field)
    };
    let (gelar_depan, gelar_belakang) =
        gelar::gelar(rng, field, edu, female, birth_year, spesialis);
    let nama = crate::names::nama(rng, female, birth_year, pemda);

    let (nip, lahir, golongan, tmt_jabatan) = if pppk {
        let (nip, lahir) = assign_pppk(nips, lahir0, pppk_year, female);
        let months: &[u8] = if pppk_year == TAHUN_DATA {
            &[1, 3, 4]
        } else {
            &[1, 3, 4, 10, 11]
        };
        let m = rng.pick(months).copied().unwrap_or(1);
        let tmt = karier::ymd(pppk_year, m, 1);
        (nip, lahir, karier::golongan_pppk(level).to_string(), tmt)
    } else {
        let (year, month, rank) = karier::cpns(rng, birth_year, edu, peran);
        let (nip, lahir, y, m) = assign_pns(nips, lahir0, year, month, female);
        let tmt_cpns = karier::ymd(y, m, 1);
        let tmt = karier::tmt_jabatan(rng, tmt_cpns, peran);
        (nip, lahir, karier::golongan_pns(rank).to_string(), tmt)
    };

    let young_woman = female && TAHUN_DATA - birth_year < 36;
    let status = if rng.chance(if young_woman { 3 } else { 1 }) && rng.chance(60) {
        "cuti"
    } else {
        "aktif"
    };

    PegawaiRecord {
        nip,
        nama,
        gelar_depan: gelar_depan.to_string(),
        gelar_belakang: gelar_belakang.to_string(),
        jenis_kelamin: if female { "P" } else { "L" },
        tanggal_lahir: fmt_date(lahir),
        jenis_asn: if pppk { "PPPK" } else { "PNS" },
        golongan,
        jenis_jabatan: jenis,
        jabatan,
        jenjang: level.map_or(String::new(), |l| l.label().to_string()),
        unit: node.kode.clone(),
        status,
        tmt_jabatan: fmt_date(tmt_jabatan),
    }
}

/// A level for a functional position; PPPK enter at Ahli Pertama or Terampil only.
fn choose_level(rng: &mut Rng, levels: &[(Level, u32)], pppk: bool) -> Option<Level> {
    if levels.is_empty() {
        return None;
    }
    if pppk {
        let has = |l: Level| levels.iter().any(|x| x.0 == l);
        let ahli = has(Level::AhliPertama);
        return Some(if has(Level::Terampil) && (!ahli || rng.chance(45)) {
            Level::Terampil
        } else if ahli {
            Level::AhliPertama
        } else {
            Level::Terampil
        });
    }
    rng.weighted(levels, |l| l.1)
        .and_then(|i| levels.get(i))
        .map(|l| l.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn largest_remainder_is_exact_and_proportional() {
        let out = largest_remainder(10, &[1, 1, 1]);
        assert_eq!(out.iter().sum::<u64>(), 10);
        assert_eq!(out, vec![4, 3, 3]);
        assert_eq!(largest_remainder(7, &[0, 0]), vec![0, 0]);
        assert_eq!(largest_remainder(5, &[0, 2, 3]), vec![0, 2, 3]);
    }

    #[test]
    fn small_n_fills_the_highest_posts_first() {
        let nodes = org::build();
        let counts = plan(&nodes, 12, &mut Rng::new(0, 1));
        assert_eq!(counts.iter().sum::<u64>(), 12);
        // The province Setda (Sekda, JPT madya) is among the 12.
        let idx = nodes.iter().position(|n| n.kode == "15.P01").unwrap();
        assert!(counts[idx] >= 1);
    }
}
