//! Three-valued truth with the reasons for unknowns.

use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Truth {
    Yes,
    No,
    /// Unknown, with the reasons (e.g. the condition key that is missing).
    Maybe(Vec<String>),
}

impl Truth {
    pub fn from_bool(b: bool) -> Truth {
        if b { Truth::Yes } else { Truth::No }
    }
    pub fn maybe(reason: impl Into<String>) -> Truth {
        Truth::Maybe(vec![reason.into()])
    }
    pub fn is_yes(&self) -> bool {
        matches!(self, Truth::Yes)
    }
    pub fn is_no(&self) -> bool {
        matches!(self, Truth::No)
    }
    pub fn is_maybe(&self) -> bool {
        matches!(self, Truth::Maybe(_))
    }
    /// Kleene conjunction (reasons of unknowns are merged).
    pub fn and(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::No, _) | (_, Truth::No) => Truth::No,
            (Truth::Yes, x) | (x, Truth::Yes) => x,
            (Truth::Maybe(mut a), Truth::Maybe(b)) => {
                merge(&mut a, b);
                Truth::Maybe(a)
            }
        }
    }
    /// Kleene disjunction.
    pub fn or(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::Yes, _) | (_, Truth::Yes) => Truth::Yes,
            (Truth::No, x) | (x, Truth::No) => x,
            (Truth::Maybe(mut a), Truth::Maybe(b)) => {
                merge(&mut a, b);
                Truth::Maybe(a)
            }
        }
    }
    pub fn reasons(&self) -> &[String] {
        match self {
            Truth::Maybe(r) => r,
            _ => &[],
        }
    }
}

fn merge(a: &mut Vec<String>, b: Vec<String>) {
    for r in b {
        if !a.contains(&r) {
            a.push(r);
        }
    }
}

impl std::ops::Not for Truth {
    type Output = Truth;
    fn not(self) -> Truth {
        match self {
            Truth::Yes => Truth::No,
            Truth::No => Truth::Yes,
            m => m,
        }
    }
}
