//! palisade's identity plane: AWS IAM policies parsed with source spans, an
//! exact three-valued evaluator following AWS's documented evaluation logic,
//! the AWS action catalogue, and privilege-escalation paths.
//!
//! See `docs/iam.md` for the evaluation logic as implemented.

pub mod catalogue;
pub mod condition;
mod context;
pub mod escalation;
pub mod estate_from_model;
pub mod eval;
pub mod json;
pub mod managed;
pub mod pattern;
pub mod policy;
pub mod truth;

pub use catalogue::{AccessLevel, ActionInfo, Catalogue, catalogue};
pub use condition::{Condition, OpBase, Operator, SetOp};
pub use escalation::{EscalationPath, Estate, find_escalations};
pub use estate_from_model::{
    EstateOptions, ExternalPrincipal, IamModel, OTHER_ACCOUNT_UNKNOWN, PrincipalInfo,
    ResourcePolicy, UNDECLARED_UNKNOWN, estate_from_model, evaluate_external,
};
pub use eval::{
    Decision, Evaluation, PolicyRefs, PolicySet, PrincipalKind, Request, StatementRef,
    UnknownCause, evaluate, evaluate_refs,
};
pub use managed::{managed_policies, managed_policy};
pub use policy::{Effect, Elem, Policy, PolicyKind, PolicySource, PrincipalId, Statement};
pub use truth::Truth;
