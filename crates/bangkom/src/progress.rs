//! Progress bars for long CLI work, drawn only when stderr is a terminal.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// A progress bar that follows the import's phases ("validasi", "simpan").
pub struct Bar {
    bar: Option<ProgressBar>,
    phase: String,
}

impl Bar {
    /// A hidden bar when stderr is not a terminal.
    pub fn new() -> Bar {
        let bar = std::io::stderr().is_terminal().then(|| {
            let b = ProgressBar::new(0);
            b.set_style(
                ProgressStyle::with_template(
                    "{msg:>9} [{bar:40}] {percent:>3}% {elapsed_precise} eta {eta}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            b
        });
        Bar {
            bar,
            phase: String::new(),
        }
    }

    /// Called by the import pipelines.
    pub fn update(&mut self, phase: &str, done: u64, total: u64) {
        if let Some(b) = &self.bar {
            if self.phase != phase {
                self.phase = phase.to_string();
                b.set_message(phase.to_string());
                b.reset();
            }
            b.set_length(total.max(1));
            b.set_position(done.min(total));
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
