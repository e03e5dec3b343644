//! Postings as the client reads them: base64url varints, and a bitmap plus the best
//! weighted for a key in many articles (see the module docs of [`super`]).

/// Best-weighted articles kept with weights beside a dense key's bitmap.
pub(super) const DENSE_TOP: usize = 500;
pub(super) const DIGITS: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Little-endian base-32 varints in base64url digits: 5 bits a digit, +32 when
/// another digit follows. Numbers under 32 take one digit, under 1,024 two.
pub(super) struct Varints(String);

impl Varints {
    fn push(&mut self, mut n: u64) {
        loop {
            let low = (n & 31) as usize;
            n >>= 5;
            if n == 0 {
                self.0.push(DIGITS[low] as char);
                return;
            }
            self.0.push(DIGITS[low | 32] as char);
        }
    }
}

/// A posting: article id and weight (1-15).
pub(super) type Posting = (u32, u8);

pub(super) fn unpack(p: u32) -> Posting {
    (p >> 4, (p & 15) as u8)
}

/// Sorted postings of one key as the client reads them (see the module docs).
pub(super) fn encode(postings: &[Posting], docs: usize) -> String {
    let sparse = |list: &mut dyn Iterator<Item = &Posting>| {
        let mut v = Varints(String::new());
        let mut next = 0u32;
        for &(id, w) in list {
            v.push(u64::from(id - next) * 16 + u64::from(w));
            next = id + 1;
        }
        v.0
    };
    let all = format!("s{}", sparse(&mut postings.iter()));
    let bitmap_len = docs.div_ceil(6);
    if postings.len() <= DENSE_TOP || bitmap_len + 2 * DENSE_TOP >= all.len() {
        return all;
    }
    let mut bits = vec![0u8; bitmap_len];
    for &(id, _) in postings {
        bits[id as usize / 6] |= 1 << (id % 6);
    }
    // The best by weight, the lower id first among equals.
    let mut top: Vec<Posting> = postings.to_vec();
    let best = |a: &Posting, b: &Posting| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
    top.select_nth_unstable_by(DENSE_TOP - 1, best);
    top.truncate(DENSE_TOP);
    top.sort_unstable();
    let mut out = String::with_capacity(bitmap_len + 3 * DENSE_TOP);
    out.push('b');
    out.extend(bits.iter().map(|&b| DIGITS[b as usize] as char));
    out.push('.');
    out.push_str(&sparse(&mut top.iter()));
    out
}

/// The length of [`encode`]'s string for packed postings (`id << 4 | weight`), to
/// group keys into shards before encoding them: exact for a list of varints; for a
/// bitmap, its length plus two digits for each of the best [`DENSE_TOP`] (most
/// gaps between them are under 64, as they take two digits from 2 to 63).
pub(super) fn encoded_len(packed: &[u32], docs: usize) -> usize {
    let mut n = 1;
    let mut next = 0u32;
    for &p in packed {
        let (id, w) = unpack(p);
        let mut v = u64::from(id - next) * 16 + u64::from(w);
        n += 1;
        while v >= 32 {
            v >>= 5;
            n += 1;
        }
        next = id + 1;
    }
    let bitmap_len = docs.div_ceil(6);
    if packed.len() <= DENSE_TOP || bitmap_len + 2 * DENSE_TOP >= n {
        n
    } else {
        2 + bitmap_len + 2 * DENSE_TOP
    }
}

/// An id set (filters): the postings encoding, weights 1.
pub(super) fn encode_set(ids: &[u32], docs: usize) -> String {
    let postings: Vec<Posting> = ids.iter().map(|&id| (id, 1)).collect();
    encode(&postings, docs)
}
