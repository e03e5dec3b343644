//! Load: read a seed's bytes and decode them to text.
//!
//! 1. Read the file (errors name it).
//! 2. Reject what is not text: empty, whitespace-only, binary (NUL bytes outside UTF-16).
//! 3. Decode: a BOM decides (UTF-8, UTF-16LE/BE); valid UTF-8 is taken as is;
//!    anything else is detected with chardetng and decoded with encoding_rs,
//!    with a warning naming the file and the encoding guessed.

use std::path::PathBuf;

use crate::base::warning::Warning;
use crate::discover::SeedFile;
use crate::model::SourceFormat;

/// A seed decoded to text.
#[derive(Debug, Clone)]
pub struct LoadedSeed {
    pub path: PathBuf,
    pub rel: String,
    /// File name without extension (a last-resort title).
    pub stem: String,
    pub format: SourceFormat,
    pub text: String,
}

/// Seeds larger than this are cut (with a warning): no real article is 20 MB of text,
/// and cleaning stays linear, so the cap only bounds memory per seed.
pub const MAX_SEED_BYTES: usize = 20 * 1024 * 1024;

/// Load one seed. `Err` is a per-seed problem (a warning), never fatal to the build.
pub fn load(seed: &SeedFile) -> Result<(LoadedSeed, Option<Warning>), Warning> {
    let bytes = std::fs::read(&seed.path)
        .map_err(|e| Warning::io(&seed.path, format!("cannot read: {e}")))?;
    load_bytes(seed, bytes)
}

/// Decode bytes already read from `seed`.
pub fn load_bytes(
    seed: &SeedFile,
    bytes: Vec<u8>,
) -> Result<(LoadedSeed, Option<Warning>), Warning> {
    let (text, note) = decode(&bytes).map_err(|why| Warning::new(&seed.path, why))?;
    if text.trim().is_empty() {
        return Err(Warning::new(&seed.path, "empty file, skipped".to_string()));
    }
    let mut warning = note.map(|n| Warning::new(&seed.path, n));
    let text = if text.len() > MAX_SEED_BYTES {
        let mut cut = MAX_SEED_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        warning = Some(Warning::new(
            &seed.path,
            format!(
                "{} MB of text, only the first {} MB were used",
                text.len() / (1024 * 1024),
                MAX_SEED_BYTES / (1024 * 1024)
            ),
        ));
        text[..cut].to_string()
    } else {
        text
    };
    let stem = seed
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((
        LoadedSeed {
            path: seed.path.clone(),
            rel: seed.rel.clone(),
            stem,
            format: seed.format,
            text,
        },
        warning,
    ))
}

/// Bytes -> text, and a note when the encoding was not UTF-8.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<String>), String> {
    if bytes.is_empty() {
        return Err("empty file, skipped".into());
    }
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        let note = (enc != encoding_rs::UTF_8)
            .then(|| format!("decoded as {} (byte-order mark)", enc.name()));
        if had_errors {
            return Err(format!(
                "not valid {} despite its byte-order mark, skipped",
                enc.name()
            ));
        }
        return Ok((text.into_owned(), note));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        if s.contains('\0') {
            return Err("binary file (contains NUL bytes), skipped".into());
        }
        return Ok((s.to_string(), None));
    }
    if looks_binary(bytes) {
        return Err("binary file (contains NUL or control bytes), skipped".into());
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let enc = detector.guess(None, true);
    let (text, _, had_errors) = enc.decode(bytes);
    if had_errors && text.chars().filter(|&c| c == '\u{FFFD}').count() * 20 > text.chars().count() {
        return Err(format!("undecodable text (tried {}), skipped", enc.name()));
    }
    Ok((
        text.into_owned(),
        Some(format!("not UTF-8; decoded as {}", enc.name())),
    ))
}

/// Text in legacy encodings has no NULs and few C0 controls; binaries have many.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    let controls = sample
        .iter()
        .filter(|&&b| b == 0 || (b < 0x09) || (0x0e..0x1b).contains(&b))
        .count();
    controls * 100 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_windows_1252_with_a_note() {
        let bytes =
            b"The \x93alliance\x94 \x96 a test of caf\xe9 culture and more words to detect.";
        let (text, note) = decode(bytes).unwrap();
        assert!(text.contains("“alliance”"), "{text}");
        assert!(note.unwrap().contains("windows-1252"));
    }

    #[test]
    fn decodes_utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Seoul and Tokyo".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let (text, note) = decode(&bytes).unwrap();
        assert_eq!(text, "Seoul and Tokyo");
        assert!(note.unwrap().contains("UTF-16LE"));
    }

    #[test]
    fn rejects_binary() {
        let bytes = [
            0x89u8, b'P', b'N', b'G', 0, 0, 0, 13, 1, 2, 3, 0, 0, 0xff, 0xfe, 0,
        ];
        assert!(decode(&bytes[..]).unwrap_err().contains("binary"));
    }
}
