//! A small dynamic-query helper: collects arguments while a `WHERE` clause is built, hands out
//! `$n` placeholders (valid on both backends), and binds them in order.

/// One query argument.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Integer (ids, counts).
    I(i64),
    /// Text.
    T(String),
    /// Calendar date.
    D(time::Date),
    /// Timestamp (UTC).
    Ts(time::OffsetDateTime),
    /// NULL of a text column (PostgreSQL needs NULLs typed like their column).
    NT,
    /// NULL of a date column.
    ND,
    /// NULL of an integer column.
    NI,
    /// Boolean.
    B(bool),
}

/// A query under construction.
#[derive(Debug, Default, Clone)]
pub(crate) struct Sql {
    pub text: String,
    pub args: Vec<Arg>,
}

impl Sql {
    pub fn new(text: &str) -> Self {
        Sql {
            text: text.to_string(),
            args: Vec::new(),
        }
    }
    /// Adds an argument and returns its placeholder.
    pub fn arg(&mut self, a: Arg) -> String {
        self.args.push(a);
        format!("${}", self.args.len())
    }
    pub fn push(&mut self, s: &str) -> &mut Self {
        self.text.push_str(s);
        self
    }
    /// The text with `$n` placeholders turned into plain `?` for SQLite. Only for statements whose
    /// placeholders appear once each, in order (the multi-row INSERT builders): SQLite looks up a
    /// *named* parameter (`$n`) by scanning a list, so binding thousands of them is quadratic, while
    /// anonymous `?` parameters bind in constant time.
    pub fn positional(&self) -> String {
        let mut out = String::with_capacity(self.text.len());
        let mut chars = self.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) {
                while chars.peek().is_some_and(char::is_ascii_digit) {
                    chars.next();
                }
                out.push('?');
            } else {
                out.push(c);
            }
        }
        out
    }

    /// The statement text for the active backend (see [`Sql::positional`]).
    pub fn text_for(&self, db: &crate::Db) -> String {
        if db.backend() == "sqlite" {
            self.positional()
        } else {
            self.text.clone()
        }
    }

    /// `IN (...)` list of integer ids (inlined: they are integers, never user text).
    pub fn id_list(ids: &[i64]) -> String {
        if ids.is_empty() {
            return "(NULL)".into();
        }
        let mut s = String::from("(");
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            s.push_str(&id.to_string());
        }
        s.push(')');
        s
    }
}

/// Binds every [`Arg`] of `$args` to the query `$q` (inside an [`on!`](crate::on) body, so it is
/// compiled once per backend).
#[macro_export]
macro_rules! bind_args {
    ($q:expr, $args:expr) => {{
        let mut q = $q;
        for a in $args {
            q = match a {
                $crate::Arg::I(v) => q.bind(*v),
                $crate::Arg::T(v) => q.bind(v.as_str()),
                $crate::Arg::D(v) => q.bind(*v),
                $crate::Arg::Ts(v) => q.bind(*v),
                $crate::Arg::NT => q.bind(None::<String>),
                $crate::Arg::ND => q.bind(None::<time::Date>),
                $crate::Arg::NI => q.bind(None::<i64>),
                $crate::Arg::B(v) => q.bind(*v),
            };
        }
        q
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positional_replaces_numbered_placeholders_only() {
        let mut q = Sql::new("INSERT INTO t (a, b) VALUES ");
        let a = q.arg(Arg::I(1));
        let b = q.arg(Arg::T("$5 stays".into()));
        q.push(&format!("({a}, {b}), ('$x', 3)"));
        assert_eq!(
            q.positional(),
            "INSERT INTO t (a, b) VALUES (?, ?), ('$x', 3)"
        );
    }
}
