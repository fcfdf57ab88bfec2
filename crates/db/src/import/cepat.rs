//! A hasher for the small keys an import looks up once per row (summary cells, ticket hashes,
//! days, units): a multiply-rotate step per word instead of SipHash.

use std::collections::HashMap;

/// The hasher.
#[derive(Default)]
pub(crate) struct Cepat(u64);

impl std::hash::Hasher for Cepat {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn write_i64(&mut self, v: i64) {
        self.write_u64(v.cast_unsigned());
    }
    fn write_usize(&mut self, v: usize) {
        self.write_u64(v as u64);
    }
    fn write_i32(&mut self, v: i32) {
        self.write_u64(u64::from(v.cast_unsigned()));
    }
    fn write_u16(&mut self, v: u16) {
        self.write_u64(u64::from(v));
    }
    fn write_u8(&mut self, v: u8) {
        self.write_u64(u64::from(v));
    }
}

/// A hash map with [`Cepat`].
pub(crate) type Peta<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Cepat>>;
