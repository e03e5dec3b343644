//! A live blog's entry times, read by the body and by the search for its span.
//! (Moved out of body.rs, which span.rs reads it from while body.rs reads span.rs;
//! unchanged.)

/// "18:20 KST", "9.40am", "10:42": a live blog's entry time.
pub(super) fn is_timestamp(text: &str) -> bool {
    let t = text.trim();
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    (1..=2).contains(&digits)
        && t[digits..].starts_with([':', '.'])
        && t.len() <= 16
        && t[digits + 1..].chars().take(2).all(|c| c.is_ascii_digit())
}
