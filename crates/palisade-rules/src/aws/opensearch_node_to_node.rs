//! PAL-OS-002: OpenSearch domain does not encrypt node-to-node traffic.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-OS-002",
    title: "OpenSearch domain does not encrypt node-to-node traffic",
    severity: Severity::Medium,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.7"]),
        ("hipaa", &["164.312(e)(1)", "164.312(e)(2)(ii)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-8"]),
        ("pci-dss", &["4.2.1"]),
    ],
    resource_types: &[
        "aws_opensearch_domain",
        "aws_elasticsearch_domain",
        "AWS::OpenSearchService::Domain",
        "AWS::Elasticsearch::Domain",
    ],
    docs: Docs {
        what: "Checks OpenSearch and Elasticsearch domains for `node_to_node_encryption { enabled = true }`.",
        why: "Without node-to-node TLS, documents and queries travel between cluster nodes in clear text.",
        fix: "Enable node-to-node encryption.",
        refs: &["https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_opensearch_domain" "search" {
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"

  encrypt_at_rest {
    enabled = true
  }

  node_to_node_encryption {
    enabled = false
  }

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
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
      EncryptionAtRestOptions:
        Enabled: true
      NodeToNodeEncryptionOptions:
        Enabled: false
      DomainEndpointOptions:
        EnforceHTTPS: true
        TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_opensearch_domain" "search" {
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"

  encrypt_at_rest {
    enabled = true
  }

  node_to_node_encryption {
    enabled = true
  }

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
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
      EncryptionAtRestOptions:
        Enabled: true
      NodeToNodeEncryptionOptions:
        Enabled: true
      DomainEndpointOptions:
        EnforceHTTPS: true
        TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07
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
            "node_to_node_encryption.enabled",
            &x.node_to_node,
            false,
            |v| *v,
            "node-to-node traffic is not encrypted",
        );
    }
}
