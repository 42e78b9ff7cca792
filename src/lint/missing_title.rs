//! W012 `missing-title`: no title line before the table (or before the
//! first heading or task of a list). No fix: only the author knows the
//! title.

use crate::diagnostic::{Code, Diagnostic};
use crate::span::Span;

use super::Context;

/// W012.
pub(crate) fn check(cx: &Context<'_, '_>, out: &mut Vec<Diagnostic>) {
    if !cx.doc.title().is_empty() {
        return;
    }
    // Where the document's body starts: its header, or its first heading
    // or task.
    let body = cx.checked(cx.doc.header_span()).or_else(|| {
        cx.checked(
            cx.doc
                .tasks()
                .next()
                .and_then(|t| t.span())
                .into_iter()
                .chain(cx.doc.categories().first().and_then(|c| c.span()))
                .min_by_key(|s| s.start),
        )
    });
    let Some(body) = body else {
        return;
    };
    let (span, label) = match cx.checked(cx.doc.label_span()) {
        Some(label) => (label, "no title after this line"),
        None => (
            // The body's first character (a heading may start with a
            // character of several bytes).
            Span::new(
                body.start,
                (body.start
                    + cx.source[body.start..]
                        .chars()
                        .next()
                        .map_or(0, char::len_utf8))
                .min(body.end),
            ),
            "the document starts without a title",
        ),
    };
    out.push(
        Diagnostic::expected(
            Code::MissingTitle,
            span,
            "a title line before the tasks, such as 东疆重点任务清单和责任分工表",
            "none",
        )
        .with_label(label)
        .with_static_help("write the document's title on a line of its own before the header row or the first heading"),
    );
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn title() {
        let text = "附件：\n\t编号\n\t工作任务\n\t滨海新区\n\t东疆责任单位\n\n\t（一）类\n";
        let found = only(text, Code::MissingTitle);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].span().range()], "附件：");
        assert!(only(&format!("{HEAD}\t（一）类\n"), Code::MissingTitle).is_empty());
    }

    #[test]
    fn a_body_that_starts_with_a_wide_character_is_marked_whole() {
        // A list with no title line: its first heading is the body's start.
        let text = "一、重点工作
1.做好工作。（牵头单位：市发改委）
";
        let found = only(text, Code::MissingTitle);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].span().range()], "一");
    }
}
