//! PAL-OS-007: OpenSearch domain does not enable fine-grained access control.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-OS-007",
    title: "OpenSearch domain does not enable fine-grained access control",
    severity: Severity::Medium,
    category: Category::Identity,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.3"]),
        ("hipaa", &["164.312(a)(1)"]),
        ("gdpr", &["25", "32"]),
        ("nist-800-53", &["AC-3", "AC-6"]),
        ("pci-dss", &["7.2.1"]),
    ],
    resource_types: &[
        "aws_opensearch_domain",
        "aws_elasticsearch_domain",
        "AWS::OpenSearchService::Domain",
        "AWS::Elasticsearch::Domain",
    ],
    docs: Docs {
        what: "Checks OpenSearch and Elasticsearch domains for `advanced_security_options { enabled = true }`.",
        why: "Fine-grained access control adds index-, document- and field-level permissions and authenticated users; without it any principal allowed by the domain policy reads everything.",
        fix: "Enable fine-grained access control with an IAM or internal-user master.",
        refs: &["https://docs.aws.amazon.com/opensearch-service/latest/developerguide/fgac.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_opensearch_domain" "search" {
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Search:
    Type: AWS::OpenSearchService::Domain
    Properties:
      EngineVersion: OpenSearch_2.13
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_opensearch_domain" "search" {
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"

  advanced_security_options {
    enabled                        = true
    internal_user_database_enabled = false
    master_user_options {
      master_user_arn = "arn:aws:iam::111122223333:role/search-admin"
    }
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Search:
    Type: AWS::OpenSearchService::Domain
    Properties:
      EngineVersion: OpenSearch_2.13
      AdvancedSecurityOptions:
        Enabled: true
        MasterUserOptions:
          MasterUserARN: arn:aws:iam::111122223333:role/search-admin
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.data.search_domains {
        out.judge(
            x.id,
            "advanced_security_options.enabled",
            &x.fgac,
            false,
            |v| *v,
            "fine-grained access control is not enabled",
        );
    }
}
