use serde::Serialize;

use crate::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Note,
}

/// A located problem with the input (not a finding): a parse error, an
/// unresolvable module, a skipped Helm template. Parsers never fail; they
/// return what they could build plus these.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Diagnostic {
    pub level: Level,
    /// A stable machine-readable code, e.g. `hcl-syntax`, `yaml-alias-bomb`.
    pub code: String,
    pub message: String,
    pub span: Span,
}

impl Diagnostic {
    pub fn error(code: impl Into<String>, message: impl Into<String>, span: Span) -> Self {
        Diagnostic {
            level: Level::Error,
            code: code.into(),
            message: message.into(),
            span,
        }
    }
    pub fn warning(code: impl Into<String>, message: impl Into<String>, span: Span) -> Self {
        Diagnostic {
            level: Level::Warning,
            code: code.into(),
            message: message.into(),
            span,
        }
    }
    pub fn note(code: impl Into<String>, message: impl Into<String>, span: Span) -> Self {
        Diagnostic {
            level: Level::Note,
            code: code.into(),
            message: message.into(),
            span,
        }
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let lvl = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "note",
        };
        write!(f, "{}: {lvl}[{}]: {}", self.span, self.code, self.message)
    }
}
