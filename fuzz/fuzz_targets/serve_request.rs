//! Arbitrary request targets through `dossier serve`'s target resolution
//! (strict percent-decoding, normalisation, refusal of traversal), then the
//! full response from a small in-memory site.

#![no_main]

use std::sync::RwLock;

use dossier::serve::target::{encode, resolve, Target};
use dossier::serve::{http, ServedSite};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // hyper hands the service the path as text; arbitrary bytes become text
    // here the way a lenient client might send them.
    let target = String::from_utf8_lossy(data);
    let Ok(resolved) = resolve(&target) else {
        return;
    };
    if let Target::Site { path, .. } = &resolved {
        assert!(!path.starts_with('/'), "{path:?}");
        assert!(!path.contains('\\'), "{path:?}");
        assert!(!path.chars().any(char::is_control), "{path:?}");
        for segment in path.split('/') {
            assert!(
                path.is_empty() || !matches!(segment, "" | "." | ".."),
                "segment {segment:?} in {path:?}"
            );
        }
        // Encoding the resolved path and resolving it again changes nothing.
        let again = resolve(&format!("/{}", encode(path)));
        assert_eq!(
            again,
            Ok(Target::Site {
                path: path.clone(),
                dir: path.is_empty()
            })
        );
    }
    let state = RwLock::new(ServedSite::default());
    {
        let mut s = state.write().unwrap();
        s.files.insert("index.html".into(), "<body>home</body>".into());
        s.files.insert("a/index.html".into(), "<body>a</body>".into());
        s.error = Some("<script>".into());
    }
    let response = http::respond(&hyper::Method::GET, &target, &state);
    assert!(response.status().as_u16() < 500);
});
