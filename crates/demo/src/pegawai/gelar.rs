//! Academic titles (*gelar*) written before and after a name, chosen from the field of study,
//! the highest degree, sex and age (Drs./Dra. and Ir. for older graduates).

use super::karier::Pendidikan;
use super::staf::Field;
use crate::rng::Rng;

/// Academic titles (before, after the name). Only one title is written after the name (the
/// highest degree) so that no cell ever needs a comma.
pub(crate) fn gelar(
    rng: &mut Rng,
    field: Field,
    edu: Pendidikan,
    female: bool,
    birth_year: i32,
    spesialis: bool,
) -> (&'static str, &'static str) {
    // Older graduates often carry the pre-1993 titles (Drs./Dra., Ir.).
    let old_title = birth_year <= 1972 && rng.chance(40);
    let mut pick = |xs: &[&'static str]| rng.pick(xs).copied().unwrap_or("");
    let (mut depan, belakang) = match edu {
        Pendidikan::Sma => ("", ""),
        Pendidikan::D3 => (
            "",
            match field {
                Field::Keuangan => "A.Md.Ak.",
                Field::Komputer => "A.Md.Kom.",
                Field::Perawat => "A.Md.Kep.",
                Field::Bidan => "A.Md.Keb.",
                Field::Farmasi | Field::Apoteker => "A.Md.Farm.",
                Field::Kesmas => "A.Md.Kes.",
                Field::Gizi => "A.Md.Gz.",
                Field::Laboratorium => "A.Md.A.K.",
                Field::Teknik => "A.Md.T.",
                _ => "A.Md.",
            },
        ),
        Pendidikan::S1 | Pendidikan::Profesi => match field {
            Field::Dokter => ("dr.", ""),
            Field::DokterGigi => ("drg.", ""),
            Field::Apoteker => ("apt.", "S.Farm."),
            Field::Perawat => ("Ns.", "S.Kep."),
            Field::Bidan => ("", pick(&["S.Tr.Keb.", "S.Keb."])),
            Field::Farmasi => ("", "S.Farm."),
            Field::Kesmas => ("", "S.K.M."),
            Field::Gizi => ("", "S.Gz."),
            Field::Laboratorium => ("", pick(&["S.Tr.A.K.", "S.Si."])),
            Field::Keuangan => ("", pick(&["S.E.", "S.E.", "S.Ak."])),
            Field::Hukum => ("", "S.H."),
            Field::Komputer => ("", pick(&["S.Kom.", "S.Kom.", "S.T."])),
            Field::Guru => ("", pick(&["S.Pd.", "S.Pd.", "S.Pd.", "S.Pd.I.", "S.Pd.SD"])),
            Field::Teknik if old_title => ("Ir.", ""),
            Field::Teknik => ("", "S.T."),
            Field::Sosial => ("", pick(&["S.Sos.", "S.Tr.Sos."])),
            Field::Statistik => ("", pick(&["S.Si.", "S.Stat."])),
            Field::Pemerintahan if old_title => (if female { "Dra." } else { "Drs." }, ""),
            Field::Pemerintahan => (
                "",
                pick(&["S.Sos.", "S.IP.", "S.STP.", "S.A.P.", "S.E.", "S.H."]),
            ),
        },
        Pendidikan::S2 | Pendidikan::S3 => match field {
            Field::Dokter if spesialis => (
                "dr.",
                pick(&["Sp.PD.", "Sp.A.", "Sp.OG.", "Sp.B.", "Sp.An.", "Sp.Rad."]),
            ),
            Field::Dokter => ("dr.", "M.Kes."),
            Field::DokterGigi => ("drg.", "M.Kes."),
            Field::Apoteker => ("apt.", "M.Farm."),
            Field::Perawat => ("Ns.", "M.Kep."),
            Field::Bidan => ("", "M.Keb."),
            Field::Kesmas | Field::Gizi | Field::Farmasi | Field::Laboratorium => {
                ("", pick(&["M.Kes.", "M.K.M."]))
            }
            Field::Keuangan => ("", pick(&["M.M.", "M.Ak.", "M.E."])),
            Field::Hukum => ("", "M.H."),
            Field::Komputer => ("", pick(&["M.Kom.", "M.T."])),
            Field::Guru => ("", "M.Pd."),
            Field::Teknik => ("", "M.T."),
            Field::Sosial | Field::Statistik => ("", "M.Si."),
            Field::Pemerintahan if old_title => (if female { "Dra." } else { "Drs." }, "M.Si."),
            Field::Pemerintahan => ("", pick(&["M.Si.", "M.Si.", "M.M.", "M.A.P.", "M.E."])),
        },
    };
    if edu == Pendidikan::S3 {
        depan = match depan {
            "dr." => "Dr. dr.",
            "" | "Drs." | "Dra." => "Dr.",
            other => other,
        };
    }
    (depan, belakang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_follow_field_and_degree() {
        let mut rng = Rng::new(1, 1);
        assert_eq!(
            gelar(
                &mut rng,
                Field::Dokter,
                Pendidikan::Profesi,
                true,
                1990,
                false
            ),
            ("dr.", "")
        );
        assert_eq!(
            gelar(&mut rng, Field::Perawat, Pendidikan::D3, true, 1990, false),
            ("", "A.Md.Kep.")
        );
        assert_eq!(
            gelar(&mut rng, Field::Guru, Pendidikan::S2, false, 1980, false),
            ("", "M.Pd.")
        );
        assert_eq!(
            gelar(&mut rng, Field::Dokter, Pendidikan::S3, false, 1970, false).0,
            "Dr. dr."
        );
        assert_eq!(
            gelar(
                &mut rng,
                Field::Pemerintahan,
                Pendidikan::Sma,
                false,
                1970,
                false
            ),
            ("", "")
        );
    }
}
