//! [`Document::check`]: the findings of a document as it stands, edited or
//! not, without its text beside it.

use crate::diagnostic::Diagnostic;
use crate::model::Document;

use super::LintConfig;

impl Document<'_> {
    /// Every finding about this document as it prints: the text it writes
    /// (`self.to_string()`) is read again and checked as
    /// [`lint::check`](super::check) checks a file, so the findings' spans
    /// index into that text, whatever edits the document went through.
    ///
    /// ```
    /// let text = std::fs::read_to_string("seeds/000_ecc403549f0e7389.txt")?;
    /// let mut doc = fengong::parse(&text)?;
    /// let config = fengong::lint::LintConfig::default();
    /// let near_miss = |doc: &fengong::Document<'_>| {
    ///     doc.check(&config).iter().filter(|d| d.code() == fengong::Code::NearMissUnit).count()
    /// };
    /// assert_eq!(near_miss(&doc), 1);
    /// doc.rename_unit("区工业信局", "区工信局");
    /// assert_eq!(near_miss(&doc), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check(&self, config: &LintConfig) -> Vec<Diagnostic> {
        super::check(&self.to_string(), config)
    }
}
