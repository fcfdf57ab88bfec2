//! The storage error type. `RowNotFound` becomes [`DbError::NotFound`]; unique and foreign-key
//! violations become [`DbError::Conflict`] with the constraint or a readable reason.

use bangkom_core::error::ValidationErrors;

/// Errors of the storage layer.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The row does not exist, or is outside the caller's scope (both look the same to the caller).
    #[error("data tidak ditemukan")]
    NotFound,
    /// A uniqueness or reference rule was violated.
    #[error("konflik data: {0}")]
    Conflict(String),
    /// The input failed validation; fields name what is wrong.
    #[error("data tidak valid: {0}")]
    Invalid(ValidationErrors),
    /// The caller may not do this.
    #[error("tidak diizinkan")]
    Forbidden,
    /// Anything else from the driver.
    #[error(transparent)]
    Sqlx(sqlx::Error),
    /// Anything else from the direct SQLite connection of a bulk load.
    #[error(transparent)]
    Lite(rusqlite::Error),
    /// Migrations failed.
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl From<sqlx::Error> for DbError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::RowNotFound => DbError::NotFound,
            sqlx::Error::Database(ref d) if d.is_unique_violation() => {
                DbError::Conflict(d.constraint().unwrap_or("unik").to_string())
            }
            sqlx::Error::Database(ref d) if d.is_foreign_key_violation() => {
                DbError::Conflict(d.constraint().unwrap_or("referensi").to_string())
            }
            e => DbError::Sqlx(e),
        }
    }
}

impl From<ValidationErrors> for DbError {
    fn from(e: ValidationErrors) -> Self {
        DbError::Invalid(e)
    }
}
