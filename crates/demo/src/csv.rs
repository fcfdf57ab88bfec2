//! Plain, fast CSV writers for the demo files. Cells produced by this crate never contain a
//! comma, quote or line break, so no quoting is needed; as a guard, any such character is
//! replaced by a space rather than corrupting the row.

use std::io::{self, BufWriter, Write};

use crate::{ORG_HEADER, PEGAWAI_HEADER};

/// Write `n` employees for `seed` as comma-separated UTF-8 with a [`PEGAWAI_HEADER`] line.
pub fn write_pegawai_csv<W: Write>(out: W, n: usize, seed: u64) -> io::Result<()> {
    let mut w = BufWriter::with_capacity(1 << 16, out);
    write_line(&mut w, PEGAWAI_HEADER)?;
    for p in crate::pegawai(n, seed) {
        write_line(&mut w, &p.cells())?;
    }
    w.flush()
}

/// Write the organisation tree as comma-separated UTF-8 with an [`ORG_HEADER`] line.
pub fn write_org_csv<W: Write>(out: W) -> io::Result<()> {
    let mut w = BufWriter::new(out);
    write_line(&mut w, ORG_HEADER)?;
    for o in crate::org_tree() {
        let row = o.to_row();
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        write_line(&mut w, &cells)?;
    }
    w.flush()
}

fn write_line<W: Write>(w: &mut W, cells: &[&str]) -> io::Result<()> {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        write_cell(w, cell)?;
    }
    w.write_all(b"\n")
}

fn write_cell<W: Write>(w: &mut W, cell: &str) -> io::Result<()> {
    let bytes = cell.as_bytes();
    if !bytes
        .iter()
        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
    {
        return w.write_all(bytes);
    }
    let cleaned: Vec<u8> = bytes
        .iter()
        .map(|b| {
            if matches!(b, b',' | b'"' | b'\n' | b'\r') {
                b' '
            } else {
                *b
            }
        })
        .collect();
    w.write_all(&cleaned)
}

#[cfg(test)]
mod tests {
    use super::write_line;

    #[test]
    fn separators_inside_a_cell_cannot_break_the_row() {
        let mut out = Vec::new();
        write_line(&mut out, &["a,b", "say \"hi\"", "x\r\ny"]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "a b,say  hi ,x  y\n");
    }
}
