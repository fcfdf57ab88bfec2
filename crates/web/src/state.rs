//! Application state and the server's start-up, shared by `bangkom serve` and the tests.

use std::net::SocketAddr;
use std::sync::Arc;

use bangkom_db::Db;

/// Settings of the web server.
#[derive(Debug, Clone)]
pub struct Config {
    /// Send cookies with `Secure` (behind HTTPS).
    pub secure_cookies: bool,
    /// Largest accepted upload, bytes.
    pub max_upload: usize,
    /// Session lifetime.
    pub session_hours: i64,
    /// Failed logins per username (and ×4 per client address) within 15 minutes before refusing.
    pub login_limit: i64,
    /// Survey submissions per client address per minute (0 = unlimited).
    pub survey_per_minute: u32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            secure_cookies: false,
            max_upload: 64 * 1024 * 1024,
            session_hours: 12,
            login_limit: 5,
            survey_per_minute: 10,
        }
    }
}

/// What every handler gets.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// Settings.
    pub config: Arc<Config>,
    /// Per-client survey rate limiter.
    pub survey_limiter: Arc<crate::html::survei::Limiter>,
    /// Group commit of public survey submissions (one writer task).
    pub antrean: crate::antrean::Antrean,
}

impl AppState {
    /// State over a database with these settings; starts the survey writer task (so it must be
    /// called inside a Tokio runtime).
    pub fn new(db: Db, config: Config) -> AppState {
        AppState {
            antrean: crate::antrean::Antrean::mulai(db.clone()),
            db,
            config: Arc::new(config),
            survey_limiter: Arc::default(),
        }
    }
}

/// A bound, not yet running server: `build` binds (port 0 picks a free one), `run` serves.
pub struct Application {
    listener: tokio::net::TcpListener,
    state: AppState,
}

impl Application {
    /// Binds `addr`.
    pub async fn build(addr: &str, state: AppState) -> std::io::Result<Application> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        Ok(Application { listener, state })
    }

    /// The bound address (with the real port).
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until the process ends (or ctrl-c when `graceful`).
    pub async fn run(self, graceful: bool) -> std::io::Result<()> {
        let app = crate::router(self.state).into_make_service_with_connect_info::<SocketAddr>();
        let server = axum::serve(self.listener, app);
        if graceful {
            server
                .with_graceful_shutdown(async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await
        } else {
            server.await
        }
    }
}
