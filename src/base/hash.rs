//! The content hash behind every cache key, page key and manifest entry.

/// A hash of `parts`, the same on every run and machine of one build of dossier.
pub fn hash_bytes(parts: &[&[u8]]) -> u64 {
    use std::hash::{Hash, Hasher};
    // DefaultHasher::new() is SipHash with fixed keys: the same on every run.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for p in parts {
        p.hash(&mut h);
    }
    h.finish()
}

/// This dossier binary: its version, and its size and modification time (what a
/// build's outputs depend on besides the inputs; see also `render::Renderer`).
pub fn binary_stamp() -> String {
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| format!("{} {:?}", m.len(), m.modified().ok()))
        .unwrap_or_default();
    format!("{} {exe}", env!("CARGO_PKG_VERSION"))
}
