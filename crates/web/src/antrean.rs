//! Group commit of public survey submissions (`POST /api/v1/skm/responses`, `POST /survei/{kode}`;
//! issue 3 "Figures to reach").
//!
//! A submission is answered `201` only once it is durably committed (SQLite: WAL with
//! `synchronous = FULL`, set on every pooled connection in `Db::connect`, so a commit returns after
//! the WAL is synced; PostgreSQL: a plain commit). Syncing once per request caps throughput at the
//! disk's sync rate, so requests are validated by their handlers first, then queued here: one
//! writer task takes everything queued (up to [`BATCH_MAX`]), stores it in ONE transaction
//! ([`Db::skm_kirim_batch`]), commits, and only then answers each request with its id. While a
//! batch commits the next one gathers, so batches grow with load and no request waits for a timer.
//!
//! A refused token refuses only its own item. If the batch itself fails (a storage error), nothing
//! of it was committed and every item is retried alone, so one bad row never fails the others.

use bangkom_core::skm::TokenDitolak;
use bangkom_db::Db;
use bangkom_db::skm_survei::Kiriman;
use tokio::sync::{mpsc, oneshot};

use crate::error::AppError;

/// Most submissions per transaction.
pub const BATCH_MAX: usize = 1024;

/// Submissions waiting before senders are held back (back-pressure).
const ANTRE_MAX: usize = 8192;

type Balasan = Result<Result<i64, TokenDitolak>, String>;

struct Tugas {
    kiriman: Kiriman,
    balas: oneshot::Sender<Balasan>,
}

/// The queue in front of the single writer task.
#[derive(Debug, Clone)]
pub struct Antrean {
    tx: mpsc::Sender<Tugas>,
}

impl std::fmt::Debug for Tugas {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Tugas(unit {})", self.kiriman.v.unit_id)
    }
}

impl Antrean {
    /// Starts the writer task over `db` (must run inside a Tokio runtime). The task ends when
    /// the last handle is dropped.
    pub fn mulai(db: Db) -> Antrean {
        let (tx, rx) = mpsc::channel(ANTRE_MAX);
        tokio::spawn(penulis(db, rx));
        Antrean { tx }
    }

    /// Queues one validated submission and waits for its durable commit: the stored id, or why
    /// its token was refused (nothing stored then).
    ///
    /// # Errors
    /// Storage failures (the submission was not stored).
    pub async fn kirim(&self, kiriman: Kiriman) -> Result<Result<i64, TokenDitolak>, AppError> {
        let (balas, terima) = oneshot::channel();
        self.tx
            .send(Tugas { kiriman, balas })
            .await
            .map_err(|_| AppError::Internal("penulis survei berhenti".into()))?;
        terima
            .await
            .map_err(|_| AppError::Internal("penulis survei berhenti".into()))?
            .map_err(AppError::Internal)
    }
}

async fn penulis(db: Db, mut rx: mpsc::Receiver<Tugas>) {
    let mut buf: Vec<Tugas> = Vec::with_capacity(BATCH_MAX);
    while rx.recv_many(&mut buf, BATCH_MAX).await > 0 {
        let (items, balas): (Vec<Kiriman>, Vec<oneshot::Sender<Balasan>>) =
            buf.drain(..).map(|t| (t.kiriman, t.balas)).unzip();
        let t = std::time::Instant::now();
        let r = db.skm_kirim_batch(&items).await;
        tracing::debug!(
            n = items.len(),
            us = t.elapsed().as_micros(),
            "batch survei"
        );
        match r {
            Ok(out) => {
                for (b, r) in balas.into_iter().zip(out) {
                    // A requester that went away simply gets no answer; its row is stored.
                    let _ = b.send(Ok(r));
                }
            }
            Err(e) if items.len() == 1 => {
                tracing::error!(error = %e, "kiriman survei gagal disimpan");
                for b in balas {
                    let _ = b.send(Err(e.to_string()));
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, n = items.len(), "batch survei gagal; disimpan satu per satu");
                for (item, b) in items.iter().zip(balas) {
                    let r = db
                        .skm_kirim_batch(std::slice::from_ref(item))
                        .await
                        .map_err(|e| e.to_string())
                        .and_then(|mut v| v.pop().ok_or_else(|| "tidak tersimpan".to_string()));
                    let _ = b.send(r);
                }
            }
        }
    }
}
