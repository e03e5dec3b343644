//! Checksums on what the build cache and the output's manifest store, so that a
//! damaged cache file (a flipped bit, a half-written append, an edit by hand) is a
//! cache miss, never wrong output.
//!
//! 1. [`sum`]: the XXH3 64-bit hash of some bytes (`xxhash-rust`: made for
//!    checksums, about 20 times the speed of the SipHash `hash_bytes` uses, which
//!    matters for `bodies.bin`, read back for every page rendered).
//! 2. [`seal`] / [`open`]: a whole file's bytes with their sum after them.
//! 3. [`write_framed`] / [`read_framed`]: records in a stream, each as its length,
//!    its bytes and their sum.
//! 4. [`note`]: what a build says when it finds a damaged file (once per file).

use std::io::{Read, Write};
use std::path::Path;

/// The checksum of `bytes`.
pub fn sum(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// `bytes` followed by their checksum (8 bytes, little-endian).
pub fn seal(mut bytes: Vec<u8>) -> Vec<u8> {
    let s = sum(&bytes);
    bytes.extend_from_slice(&s.to_le_bytes());
    bytes
}

/// The bytes [`seal`] sealed, when their checksum holds.
pub fn open(sealed: &[u8]) -> Option<&[u8]> {
    let split = sealed.len().checked_sub(8)?;
    let (bytes, s) = sealed.split_at(split);
    (sum(bytes).to_le_bytes() == s).then_some(bytes)
}

/// Write one record: its length, its bytes, their checksum.
pub fn write_framed(w: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    w.write_all(&(bytes.len() as u64).to_le_bytes())?;
    w.write_all(bytes)?;
    w.write_all(&sum(bytes).to_le_bytes())
}

/// Why a record could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum Bad {
    /// The stream ended (or a length exceeds `limit`): cut short.
    Short,
    /// The bytes are there but their checksum does not hold.
    Damaged,
}

/// Read one record [`write_framed`] wrote; a length over `limit` (what the file can
/// hold) is refused before anything is allocated for it.
pub fn read_framed(r: &mut impl Read, limit: u64) -> Result<Vec<u8>, Bad> {
    let mut word = [0u8; 8];
    r.read_exact(&mut word).map_err(|_| Bad::Short)?;
    let len = u64::from_le_bytes(word);
    if len > limit {
        return Err(Bad::Damaged);
    }
    let mut bytes = vec![0u8; usize::try_from(len).map_err(|_| Bad::Damaged)?];
    r.read_exact(&mut bytes).map_err(|_| Bad::Short)?;
    r.read_exact(&mut word).map_err(|_| Bad::Short)?;
    if sum(&bytes).to_le_bytes() != word {
        return Err(Bad::Damaged);
    }
    Ok(bytes)
}

/// Tell the user that `path` was damaged and is not used (the build redoes its work).
pub fn note(path: &Path) {
    eprintln!(
        "note: {}: checksum mismatch, not used (rebuilding what it held from the seeds)",
        path.display()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_bytes_open_and_any_flipped_bit_is_caught() {
        let sealed = seal(b"articles/a/index.html".to_vec());
        assert_eq!(open(&sealed), Some(&b"articles/a/index.html"[..]));
        for i in 0..sealed.len() * 8 {
            let mut bad = sealed.clone();
            bad[i / 8] ^= 1 << (i % 8);
            assert_eq!(open(&bad), None, "bit {i}");
        }
        assert_eq!(open(b"short"), None);
    }

    #[test]
    fn framed_records_read_back_and_damage_is_told_from_truncation() {
        let mut buf = Vec::new();
        write_framed(&mut buf, b"one").unwrap();
        write_framed(&mut buf, b"two!").unwrap();
        let mut r = &buf[..];
        assert_eq!(read_framed(&mut r, 100).unwrap(), b"one");
        assert_eq!(read_framed(&mut r, 100).unwrap(), b"two!");
        assert_eq!(read_framed(&mut r, 100), Err(Bad::Short));
        let mut flipped = buf.clone();
        flipped[9] ^= 4;
        assert_eq!(read_framed(&mut &flipped[..], 100), Err(Bad::Damaged));
        // A damaged length larger than the file is refused without allocating it.
        let mut huge = buf.clone();
        huge[7] = 0xff;
        assert_eq!(read_framed(&mut &huge[..], 100), Err(Bad::Damaged));
        assert_eq!(read_framed(&mut &buf[..5], 100), Err(Bad::Short));
    }
}
