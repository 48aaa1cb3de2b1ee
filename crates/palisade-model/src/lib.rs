//! The palisade resource model.
//!
//! A lossless graph of resources. Every value carries the [`Span`] it came
//! from, the references it was computed from, and is three-valued: known,
//! [`Value::Unknown`] (with the reason) or absent (the key is missing).
//!
//! Architecture invariant: this crate depends on no parser, no output format
//! and no HTTP stack. Parsers build [`Resource`]s, the [`Model`] resolves
//! references between them, typed views (`palisade-views`) read them.

mod diag;
mod model;
mod resource;
mod sniff;
mod span;
mod value;

pub use diag::{Diagnostic, Level};
pub use model::{Edge, Model, ResourceId};
pub use resource::{InstanceKey, Mode, Resource, SourceKind, address_segments};
pub use sniff::{SNIFF_BYTES, sniff_head};
pub use span::{LineIndex, Span};
pub use value::{Lookup, Node, Part, Unknown, Value};

/// What a parser returns: everything it could build, plus located problems.
/// Parsers never fail.
#[derive(Debug, Default)]
pub struct Parsed {
    pub resources: Vec<Resource>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    pub fn extend(&mut self, other: Parsed) {
        self.resources.extend(other.resources);
        self.diagnostics.extend(other.diagnostics);
    }
}
