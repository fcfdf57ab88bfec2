//! Plausible Indonesian personal names as found among ASN in Jambi: Malay/Jambi (with the
//! local *Kemas*, *Raden*, *Nyimas* name prefixes), Javanese (transmigration areas), Minang and
//! Kerinci, and Batak (given name + *marga*). Only letters, spaces and hyphens are used.

use crate::rng::Rng;

struct Pool {
    male: &'static [&'static str],
    female: &'static [&'static str],
    last_male: &'static [&'static str],
    last_female: &'static [&'static str],
}

const MELAYU: Pool = Pool {
    male: &[
        "Muhammad",
        "Ahmad",
        "Abdul Rahman",
        "Hasan",
        "Husin",
        "Syamsul",
        "Zulkifli",
        "Azhar",
        "Firdaus",
        "Hendra",
        "Rizal",
        "Jamaluddin",
        "Fauzi",
        "Ridwan",
        "Taufik",
        "Hairul",
        "Mukhlis",
        "Arpan",
        "Junaidi",
        "Syafrudin",
        "Helmi",
        "Irwan",
        "Amri",
        "Muslim",
        "Zainal",
        "Yusuf",
        "Sulaiman",
        "Hamdan",
        "Marzuki",
        "Saipul",
        "Kemas Abdul",
        "Raden Muhammad",
    ],
    female: &[
        "Siti",
        "Nurhayati",
        "Rosmaini",
        "Fatimah",
        "Zubaidah",
        "Aisyah",
        "Rahmawati",
        "Yusnani",
        "Halimah",
        "Mardiana",
        "Suryani",
        "Nurbaiti",
        "Asmah",
        "Herlina",
        "Rosita",
        "Maimunah",
        "Juliana",
        "Fitri",
        "Rahma",
        "Nyimas",
        "Zuraida",
        "Hafsah",
        "Salmah",
        "Nurlela",
    ],
    last_male: &[
        "Hidayat", "Rahman", "Saputra", "Hamzah", "Ismail", "Ibrahim", "Yahya", "Harun", "Basri",
        "Effendi", "Abdullah", "Hakim", "Ramadhan", "Arifin", "Syarif", "Fadillah",
    ],
    last_female: &[
        "Sari", "Aminah", "Putri", "Wati", "Hasanah", "Rahmah", "Zahara", "Khadijah", "Yanti",
        "Ningsih", "Fitriani", "Marlina",
    ],
};

const JAWA: Pool = Pool {
    male: &[
        "Agus", "Budi", "Eko", "Joko", "Wahyu", "Bambang", "Slamet", "Sugeng", "Heru", "Dwi",
        "Tri", "Sutrisno", "Suparman", "Hadi", "Yudi", "Teguh", "Bayu", "Adi", "Sigit", "Imam",
        "Sutarno", "Gunawan",
    ],
    female: &[
        "Sri",
        "Endang",
        "Dwi",
        "Tri",
        "Sumiati",
        "Suwarni",
        "Wahyuni",
        "Lestari",
        "Rahayu",
        "Puji",
        "Yuni",
        "Ratna",
        "Ani",
        "Dewi",
        "Kartika",
        "Sulastri",
        "Suprihatin",
        "Eni",
    ],
    last_male: &[
        "Prasetyo",
        "Nugroho",
        "Santoso",
        "Setiawan",
        "Purnomo",
        "Wibowo",
        "Kurniawan",
        "Susilo",
        "Saputro",
        "Hartono",
        "Widodo",
        "Riyanto",
        "Suryadi",
        "Utomo",
    ],
    last_female: &[
        "Wulandari",
        "Handayani",
        "Astuti",
        "Purwanti",
        "Setyowati",
        "Ningsih",
        "Susanti",
        "Rahayu",
        "Lestari",
        "Wahyuningsih",
        "Kusumawati",
        "Pratiwi",
    ],
};

const MINANG: Pool = Pool {
    male: &[
        "Afrizal",
        "Yusrizal",
        "Syahrial",
        "Zulhendri",
        "Defri",
        "Erianto",
        "Yondri",
        "Rusdi",
        "Nofrizal",
        "Hendri",
        "Efrizal",
        "Asrul",
        "Yulizar",
        "Zulfikar",
        "Irwandi",
        "Fadli",
        "Andika",
        "Depri",
        "Alfian",
        "Jasman",
    ],
    female: &[
        "Yenni", "Erni", "Rina", "Yulia", "Desi", "Fitria", "Nofita", "Elvi", "Marlina", "Yusnita",
        "Febriani", "Meri", "Rosmiati", "Syafrida", "Yelli", "Ermawati", "Lusi", "Vivi",
    ],
    last_male: &[
        "Putra",
        "Syahputra",
        "Chaniago",
        "Efendi",
        "Hamdani",
        "Yunus",
        "Saputra",
        "Hanafi",
    ],
    last_female: &[
        "Marlina",
        "Yusnita",
        "Febriani",
        "Oktavia",
        "Rahmadani",
        "Sari",
        "Novita",
        "Yanti",
        "Elfira",
        "Wahyuni",
    ],
};

const BATAK: Pool = Pool {
    male: &[
        "Hotma", "Roganda", "Lamhot", "Parulian", "Binsar", "Togar", "Sahat", "Marolop", "Daniel",
        "Jonni", "Rudi", "Hendrik", "Bonar", "Tumpal", "Ahmad", "Rahmat",
    ],
    female: &[
        "Maria",
        "Dewi",
        "Rosmawati",
        "Lasma",
        "Tiurma",
        "Sarma",
        "Nurmaida",
        "Yanti",
        "Lince",
        "Rotua",
        "Ruth",
        "Ester",
        "Nurhalimah",
    ],
    // Marga are shared by men and women.
    last_male: &[
        "Simanjuntak",
        "Sitorus",
        "Siregar",
        "Nainggolan",
        "Hutagalung",
        "Simbolon",
        "Sinaga",
        "Pardede",
        "Manurung",
        "Lubis",
        "Harahap",
        "Nasution",
        "Situmorang",
        "Panjaitan",
        "Tambunan",
        "Hutapea",
    ],
    last_female: &[],
};

/// Given names common among ASN born after 1990.
const MUDA_L: &[&str] = &[
    "Rizky", "Fajar", "Dimas", "Reza", "Aditya", "Ilham", "Fikri", "Arif", "Yoga", "Rahmat",
    "Farhan", "Gilang",
];
const MUDA_P: &[&str] = &[
    "Putri", "Annisa", "Dinda", "Ayu", "Nadia", "Mutiara", "Intan", "Nabila", "Citra", "Tiara",
    "Shinta", "Anggun",
];

/// A full name (without titles) for a person of this sex and birth year working in the pemda
/// with this code. Kerinci and Sungai Penuh lean Minang/Kerinci; Tebo, Muaro Jambi and the two
/// Tanjung Jabung lean Javanese (transmigration areas).
pub(crate) fn nama(rng: &mut Rng, female: bool, birth_year: i32, pemda: &str) -> String {
    // Weights: Melayu/Jambi, Jawa, Minang/Kerinci, Batak.
    let weights: [u32; 4] = match pemda {
        "15.01" | "15.72" => [30, 10, 55, 5],
        "15.05" | "15.06" | "15.07" | "15.08" => [40, 40, 12, 8],
        "15.71" | "15" => [40, 28, 20, 12],
        _ => [50, 28, 15, 7],
    };
    let pools = [&MELAYU, &JAWA, &MINANG, &BATAK];
    let pool = rng
        .weighted(&weights, |w| *w)
        .and_then(|i| pools.get(i).copied())
        .unwrap_or(&MELAYU);
    let is_batak = std::ptr::eq(pool, &BATAK);

    let first_pool = if birth_year >= 1990 && !is_batak && rng.chance(45) {
        if female { MUDA_P } else { MUDA_L }
    } else if female {
        pool.female
    } else {
        pool.male
    };
    let first = rng.pick(first_pool).copied().unwrap_or("Nur");
    let last_pool = if female && !is_batak {
        pool.last_female
    } else {
        pool.last_male
    };
    // Batak names always carry the marga; others have a second name most of the time.
    let with_last = is_batak || rng.chance(72);
    match rng.pick(last_pool) {
        Some(last) if with_last && *last != first => format!("{first} {last}"),
        _ => first.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_plain_words_and_vary() {
        let mut rng = Rng::new(11, 0);
        let mut seen = std::collections::HashSet::new();
        for i in 0..2000 {
            let n = nama(&mut rng, i % 2 == 0, 1970 + i % 30, "15.71");
            assert!(!n.is_empty() && n.len() <= 60, "{n}");
            assert!(
                n.chars()
                    .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '-'),
                "{n}"
            );
            assert!(!n.starts_with(' ') && !n.ends_with(' '));
            seen.insert(n);
        }
        assert!(seen.len() > 500, "only {} distinct names", seen.len());
    }

    #[test]
    fn batak_women_keep_their_marga() {
        let mut rng = Rng::new(5, 0);
        let hits = (0..3000)
            .map(|_| nama(&mut rng, true, 1980, "15.71"))
            .filter(|n| {
                n.ends_with("Siregar") || n.ends_with("Simanjuntak") || n.ends_with("Lubis")
            })
            .count();
        assert!(hits > 0);
    }
}
