//! Account roles and what each may do with the registry.
//!
//! - *Admin*: the administrator at BKD/BPSDM, who manages the whole registry.
//! - *Operator*: an OPD operator, who keeps the OPD's pegawai and units up to date.
//! - *Pegawai*: an ASN looking at their own record and learning history.
//! - *Pimpinan*: a leader who reads reports.
//! - *Lembaga*: staff of one training institution, who run only that institution's programs
//!   (sessions, attendance, scores).

use std::fmt;

/// Role of a user account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Role {
    /// Administrator at BKD/BPSDM.
    Admin,
    /// OPD operator.
    Operator,
    /// An ASN employee.
    Pegawai,
    /// A leader (report reader).
    Pimpinan,
    /// Staff of one training institution (*lembaga pelatihan*).
    Lembaga,
}

impl Role {
    /// Every role, most powerful first.
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Operator,
        Role::Pegawai,
        Role::Pimpinan,
        Role::Lembaga,
    ];

    /// Parses a code or label, case-insensitive: `"admin"`/`"administrator"`, `"operator"`,
    /// `"pegawai"`, `"pimpinan"`, `"lembaga"`.
    pub fn parse(s: &str) -> Result<Role, String> {
        let key = s.trim().to_lowercase();
        let found = Role::ALL
            .into_iter()
            .find(|r| r.code() == key || r.label().to_lowercase() == key);
        match (found, key.as_str()) {
            (Some(r), _) => Ok(r),
            (None, "administrator") => Ok(Role::Admin),
            (None, "") => Err("peran wajib diisi".into()),
            (None, _) => Err(format!(
                "peran harus admin, operator, pegawai, pimpinan, atau lembaga, ditemukan '{}'",
                s.trim()
            )),
        }
    }

    /// `"admin"`, `"operator"`, `"pegawai"`, `"pimpinan"` or `"lembaga"`.
    pub fn code(&self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Operator => "operator",
            Role::Pegawai => "pegawai",
            Role::Pimpinan => "pimpinan",
            Role::Lembaga => "lembaga",
        }
    }

    /// Display name.
    pub fn label(&self) -> &'static str {
        match self {
            Role::Admin => "Administrator BKD/BPSDM",
            Role::Operator => "Operator OPD",
            Role::Pegawai => "Pegawai",
            Role::Pimpinan => "Pimpinan",
            Role::Lembaga => "Lembaga Pelatihan",
        }
    }

    /// May create and edit pegawai and organisation records (admin and operator).
    pub fn can_write_registry(&self) -> bool {
        matches!(self, Role::Admin | Role::Operator)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_labels_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.code()), Ok(r));
            assert_eq!(Role::parse(&r.label().to_uppercase()), Ok(r));
        }
        assert_eq!(Role::parse(" Administrator "), Ok(Role::Admin));
        assert_eq!(Role::Operator.label(), "Operator OPD");
    }

    #[test]
    fn unknown_role_rejected() {
        assert_eq!(Role::parse(""), Err("peran wajib diisi".into()));
        assert!(
            Role::parse("superuser")
                .unwrap_err()
                .contains("'superuser'")
        );
    }

    #[test]
    fn only_admin_and_operator_write() {
        let writers: Vec<Role> = Role::ALL
            .into_iter()
            .filter(Role::can_write_registry)
            .collect();
        assert_eq!(writers, [Role::Admin, Role::Operator]);
    }
}
