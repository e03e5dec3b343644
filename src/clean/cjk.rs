//! Korean, Japanese and Chinese bylines: "홍길동 기자", "山田太郎記者", "記者 山田太郎",
//! "记者 王小明". (Their dates, "2025년 6월 12일" and "2025年6月12日", are read by
//! [`super::dateline`].)

use regex::Regex;
use std::sync::LazyLock;

/// Most words of a CJK byline: name, title, e-mail, maybe the agency and a photo credit.
const MAX_BYLINE_WORDS: usize = 8;

/// Korean: a 2-4 syllable name, then the title ("기자" reporter, "특파원" correspondent...).
static KOREAN_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(
        r"(?:^|[\s(\[=/·])(?P<name>[가-힣]{2,4})\s?(?:선임기자|수석기자|객원기자|기자|특파원|논설위원|편집위원|칼럼니스트)(?:$|[\s=)\]/·,@])",
    )
});

/// Japanese/Chinese: a name then "記者" (or 特派員...), or "記者" / "记者" then the name.
static HAN_BYLINE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(
        r"(?:^|[\s(（【\[=＝/・])(?P<name>[\p{Han}\p{Hiragana}\p{Katakana}]{2,8}?)\s?(?:編集委員|論説委員|特派員|記者)(?:$|[\s)）】\]/・,、])",
    )
});
static HAN_BYLINE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(
        r"(?:^|[\s(（【\[=/・])(?:記者|记者|特派員|特派员)\s?[:：]?\s?(?P<name>\p{Han}{2,4})(?:$|[\s)）】\]/・,、])",
    )
});

/// Names from a Korean, Japanese or Chinese byline; `None` when the line is not one.
pub fn byline_names(line: &str) -> Option<Vec<String>> {
    let line = line.trim();
    if line.is_ascii()
        || !super::lines::words_at_most(line, MAX_BYLINE_WORDS)
        || line.chars().count() > 60
    {
        return None;
    }
    let names: Vec<String> = [&*KOREAN_BYLINE, &*HAN_BYLINE_AFTER, &*HAN_BYLINE_BEFORE]
        .iter()
        .flat_map(|re| re.captures_iter(line))
        .map(|c| c["name"].to_string())
        .collect();
    (!names.is_empty()).then_some(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_korean_japanese_and_chinese_bylines() {
        assert_eq!(byline_names("홍길동 기자"), Some(vec!["홍길동".into()]));
        assert_eq!(
            byline_names("(서울=연합뉴스) 홍길동 기자 = "),
            Some(vec!["홍길동".into()])
        );
        assert_eq!(
            byline_names("김철수 특파원 kim@example.com"),
            Some(vec!["김철수".into()])
        );
        assert_eq!(byline_names("山田太郎記者"), Some(vec!["山田太郎".into()]));
        assert_eq!(byline_names("記者 山田太郎"), Some(vec!["山田太郎".into()]));
        assert_eq!(byline_names("记者 王小明"), Some(vec!["王小明".into()]));
    }

    #[test]
    fn leaves_sentences_and_english_alone() {
        assert_eq!(byline_names("By Jane Doe"), None);
        assert_eq!(
            byline_names(
                "기자회견에서 대통령은 관세 문제를 다시 꺼내며 양국 협상의 진전을 강조했다."
            ),
            None
        );
    }
}
