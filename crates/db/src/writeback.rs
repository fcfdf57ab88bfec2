//! Early write-back of a bulk transaction's files (issue 3's import figure).
//!
//! SQLite writes a transaction's pages into the WAL at its commit, then copies them into the
//! database file at the automatic checkpoint that follows. Each step ends in an fsync that waits
//! for the disk to take every byte written since the last one: for the 1,000,000-row SKM import,
//! about 215 MB twice, which was about 0.3 s each on the bench machine, with both cores idle.
//!
//! [`Writeback`] runs a thread that calls `fdatasync` on both files every [`PERIOD`] while the
//! transaction runs. The disk then takes the pages while SQLite is still writing them, and the
//! commit's own fsyncs find little left to wait for.
//!
//! Durability does not depend on this thread. SQLite still makes its own fsyncs before the commit
//! returns; the thread only starts the disk writes earlier. Its errors are therefore ignored: a
//! failing disk fails SQLite's own fsync, which reports it.

use std::fs::File;
use std::path::Path;
use std::sync::mpsc::{RecvTimeoutError, Sender, channel};
use std::thread::JoinHandle;
use std::time::Duration;

/// Time between two rounds of `fdatasync`. The rounds themselves wait for the disk, so the
/// thread mostly sleeps inside them while SQLite writes.
pub(crate) const PERIOD: Duration = Duration::from_millis(20);

/// The write-back thread of one bulk transaction; dropping it stops the thread and waits for it.
pub(crate) struct Writeback {
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Writeback {
    /// Starts syncing the database file at `path` and its `-wal`, whichever exist.
    pub(crate) fn start(path: &Path) -> Writeback {
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        let files: Vec<File> = [path.as_os_str(), wal.as_os_str()]
            .into_iter()
            .filter_map(|p| File::open(p).ok())
            .collect();
        let (stop, stopped) = channel::<()>();
        let thread = std::thread::Builder::new()
            .name("bangkom-writeback".into())
            .spawn(move || {
                // Ends when the sender is dropped (`Disconnected`).
                while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(PERIOD) {
                    for f in &files {
                        let _ = f.sync_data();
                    }
                }
            })
            .ok();
        Writeback {
            stop: Some(stop),
            thread,
        }
    }
}

impl Drop for Writeback {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Writeback;

    /// Open descriptors of this process on `path` (Linux: `/proc/self/fd`).
    #[cfg(target_os = "linux")]
    fn open_on(path: &std::path::Path) -> usize {
        std::fs::read_dir("/proc/self/fd")
            .unwrap()
            .filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
            .filter(|target| target == path)
            .count()
    }

    /// The thread holds the database file and its `-wal` while it runs (both are opened before
    /// `start` returns; a missing file is skipped) and lets go of both when dropped, after which
    /// the files are written as usual.
    #[cfg(target_os = "linux")]
    #[test]
    fn holds_both_files_until_dropped() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().canonicalize().unwrap();
        let path = dir.join("a.db");
        let wal = dir.join("a.db-wal");
        std::fs::write(&path, b"x").unwrap();
        let w = Writeback::start(&path);
        assert_eq!((open_on(&path), open_on(&wal)), (1, 0));
        drop(w);
        std::fs::write(&wal, b"w").unwrap();
        let w = Writeback::start(&path);
        assert_eq!((open_on(&path), open_on(&wal)), (1, 1));
        drop(w);
        assert_eq!((open_on(&path), open_on(&wal)), (0, 0));
        std::fs::write(&path, b"yz").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"yz");
    }
}
