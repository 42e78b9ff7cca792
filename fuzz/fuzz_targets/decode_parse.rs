//! Any bytes: decoding never panics; decoded text parses tolerantly without a
//! panic, prints back exactly, agrees with the strict parser, and lints
//! without a panic; every span of a diagnostic, a label or a fix's edit lies
//! in the text, on character boundaries.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let decoded = match fengong::source::decode(bytes) {
        Ok(decoded) => decoded,
        Err(err) => {
            // An undecodable input is E002 and points inside the bytes.
            assert_eq!(err.code(), fengong::Code::UndecodableInput);
            assert!(err.span().end <= bytes.len());
            return;
        }
    };
    let text = decoded.text();
    // What was decoded encodes back to the same bytes (Big5 may lack a
    // character, so only where encoding succeeds).
    if let Ok(back) = fengong::source::encode(text, decoded.encoding(), decoded.has_bom()) {
        if decoded.encoding() != fengong::source::Encoding::Gb18030
            && decoded.encoding() != fengong::source::Encoding::Big5
        {
            assert_eq!(back, bytes);
        }
    }
    let parsed = fengong::parse_tolerant(text);
    assert_eq!(parsed.document.to_string(), text);
    let on_text = |span: fengong::Span| {
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end)
    };
    for d in &parsed.diagnostics {
        assert!(on_text(d.span()), "{d:?}");
        assert!(d.secondary().iter().all(|l| on_text(l.span)), "{d:?}");
    }
    assert_eq!(parsed.has_errors(), fengong::parse(text).is_err());
    let findings = fengong::lint::lint(
        &parsed.document,
        text,
        &fengong::lint::LintConfig::default(),
    );
    for d in &findings {
        assert!(on_text(d.span()), "{d:?}");
        assert!(d.secondary().iter().all(|l| on_text(l.span)), "{d:?}");
        for e in d.fix().iter().flat_map(|f| f.edits.iter()) {
            assert!(on_text(e.span), "{d:?}");
        }
    }
});
