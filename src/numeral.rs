//! Chinese numerals, as used to number categories: `一`, `十一`, `二十八`,
//! `一百零一`, `一千`, `一万零一`.
//!
//! ```
//! use fengong::numeral;
//! assert_eq!(numeral::parse("二十八"), Some(28));
//! assert_eq!(numeral::parse("一百零一"), Some(101));
//! assert_eq!(numeral::parse("十十"), None);
//! assert_eq!(numeral::to_chinese(1001), "一千零一");
//! ```

/// Longest numeral (in characters) that [`parse`] will read; longer input is
/// rejected at once, so a hostile ten-thousand-character "numeral" costs
/// nothing.
pub const MAX_LEN: usize = 24;

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Whether `c` can appear in a Chinese numeral (digits, `十百千万亿`, and the
/// variants `〇` and `两`).
pub fn is_numeral_char(c: char) -> bool {
    digit_value(c).is_some() || unit_value(c).is_some()
}

fn digit_value(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn unit_value(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1_000,
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => return None,
    })
}

/// Parse a Chinese numeral written in its standard form. Returns `None` for
/// anything that is not one (`十十`, `二二`, `一百一`, digits, the empty
/// string) or that does not fit in a `u32`.
///
/// `〇` is read as `零`, `两` as `二`, and a leading `一十` as `十`.
pub fn parse(text: &str) -> Option<u32> {
    if text.is_empty() || text.chars().count() > MAX_LEN {
        return None;
    }
    // A loose reading first, then a check that the canonical spelling of that
    // value is what was written: this rejects every malformed numeral without
    // a grammar of special cases.
    let mut total: u64 = 0;
    let mut section: u64 = 0;
    let mut pending: Option<u64> = None;
    for c in text.chars() {
        if let Some(d) = digit_value(c) {
            if pending.is_some_and(|p| p != 0) {
                return None;
            }
            pending = Some(d);
        } else if let Some(unit) = unit_value(c) {
            if unit >= 10_000 {
                section += pending.take().unwrap_or(0);
                if section == 0 && total == 0 {
                    return None;
                }
                total = if unit == 10_000 {
                    total.checked_add(section.checked_mul(unit)?)?
                } else {
                    total.checked_add(section)?.checked_mul(unit)?
                };
                section = 0;
            } else {
                section += pending.take().unwrap_or(1) * unit;
            }
        } else {
            return None;
        }
    }
    total = total.checked_add(section + pending.unwrap_or(0))?;
    let value = u32::try_from(total).ok()?;
    if !text.starts_with("一十") && !text.contains(['〇', '两']) {
        // The text is its own normal form: compare without allocating.
        let mut matcher = Matcher { rest: text };
        let matched = write_chinese(&mut matcher, value).is_ok() && matcher.rest.is_empty();
        return matched.then_some(value);
    }
    let canonical = to_chinese(value);
    let normalized = normalize(text);
    (canonical == normalized).then_some(value)
}

/// A writer that checks that what is written is a prefix of `rest`.
struct Matcher<'a> {
    rest: &'a str,
}

impl std::fmt::Write for Matcher<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        match self.rest.strip_prefix(s) {
            Some(rest) => {
                self.rest = rest;
                Ok(())
            }
            None => Err(std::fmt::Error),
        }
    }
}

fn normalize(text: &str) -> String {
    let mut out: String = text
        .chars()
        .map(|c| match c {
            '〇' => '零',
            '两' => '二',
            c => c,
        })
        .collect();
    if out.starts_with("一十") {
        out.replace_range(.."一".len(), "");
    }
    out
}

/// The standard Chinese numeral for `n`: `10` is `十`, `110` is `一百一十`,
/// `10001` is `一万零一`, `0` is `零`.
pub fn to_chinese(n: u32) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_chinese(&mut out, n);
    out
}

fn write_chinese(out: &mut impl std::fmt::Write, n: u32) -> std::fmt::Result {
    if n == 0 {
        return out.write_char('零');
    }
    let sections = [
        (n / 100_000_000, "亿"),
        ((n / 10_000) % 10_000, "万"),
        (n % 10_000, ""),
    ];
    let mut started = false;
    let mut need_zero = false;
    for (value, unit) in sections {
        if value == 0 {
            if started {
                need_zero = true;
            }
            continue;
        }
        if started && (need_zero || value < 1_000) {
            out.write_char('零')?;
        }
        write_section(out, value, !started)?;
        out.write_str(unit)?;
        started = true;
        need_zero = false;
    }
    Ok(())
}

/// Writes `value` (1..=9999) with 千百十 units and inner zeros.
fn write_section(out: &mut impl std::fmt::Write, value: u32, leading: bool) -> std::fmt::Result {
    let places = [(1_000, "千"), (100, "百"), (10, "十"), (1, "")];
    let mut written = false;
    let mut zero = false;
    for (place, unit) in places {
        let d = (value / place) % 10;
        if d == 0 {
            if written {
                zero = true;
            }
            continue;
        }
        if zero {
            out.write_char('零')?;
            zero = false;
        }
        // 十一, not 一十一, at the very start of a numeral.
        if !(leading && !written && place == 10 && d == 1) {
            out.write_char(DIGITS[d as usize])?;
        }
        out.write_str(unit)?;
        written = true;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_value_to_twenty_thousand() {
        for n in 1..=20_000 {
            let s = to_chinese(n);
            assert_eq!(parse(&s), Some(n), "{n} written as {s}");
        }
    }

    #[test]
    fn standard_spellings() {
        let cases = [
            (1, "一"),
            (10, "十"),
            (11, "十一"),
            (20, "二十"),
            (28, "二十八"),
            (99, "九十九"),
            (100, "一百"),
            (101, "一百零一"),
            (110, "一百一十"),
            (1000, "一千"),
            (1001, "一千零一"),
            (1010, "一千零一十"),
            (10_000, "一万"),
            (10_001, "一万零一"),
            (100_000, "十万"),
            (110_000, "十一万"),
            (1_010_000, "一百零一万"),
            (100_000_000, "一亿"),
            (u32::MAX, "四十二亿九千四百九十六万七千二百九十五"),
        ];
        for (n, s) in cases {
            assert_eq!(to_chinese(n), s);
            assert_eq!(parse(s), Some(n), "{s}");
        }
    }

    #[test]
    fn variants_and_rejections() {
        assert_eq!(parse("一十一"), Some(11));
        assert_eq!(parse("两百"), Some(200));
        assert_eq!(parse("一百〇一"), Some(101));
        assert_eq!(parse("零"), Some(0));
        assert_eq!(parse("一亿零一万"), Some(100_010_000));
        for bad in [
            "",
            "十十",
            "二二",
            "一百一",
            "万",
            "零一",
            "1",
            "一千零零一",
            "十一a",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert_eq!(parse(&"一".repeat(10_000)), None);
        assert_eq!(parse("五十亿"), None, "overflows u32");
    }
}
