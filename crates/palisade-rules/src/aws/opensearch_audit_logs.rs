//! PAL-OS-006: OpenSearch domain does not publish audit logs.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-OS-006",
    title: "OpenSearch domain does not publish audit logs",
    severity: Severity::Medium,
    category: Category::Logging,
    frameworks: &[
        ("soc2", &["CC7.2"]),
        ("hipaa", &["164.312(b)"]),
        ("gdpr", &["32", "33"]),
        ("nist-800-53", &["AU-2", "AU-12"]),
        ("pci-dss", &["10.2.1"]),
    ],
    resource_types: &[
        "aws_opensearch_domain",
        "aws_elasticsearch_domain",
        "AWS::OpenSearchService::Domain",
        "AWS::Elasticsearch::Domain",
    ],
    docs: Docs {
        what: "Checks OpenSearch and Elasticsearch domains for `log_publishing_options` with log type `AUDIT_LOGS`.",
        why: "Audit logs record who searched, read and changed which indexes; without them data access through the domain cannot be traced.",
        fix: "Enable fine-grained access control and publish `AUDIT_LOGS` to CloudWatch Logs.",
        refs: &[
            "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/audit-logs.html",
        ],
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

  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:search-audit"
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
      LogPublishingOptions:
        AUDIT_LOGS:
          CloudWatchLogsLogGroupArn: arn:aws:logs:eu-west-1:111122223333:log-group:search-audit
          Enabled: true
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for d in &cx.views.aws.data.search_domains {
        let r = cx.model.get(d.id);
        let attr = "log_publishing_options";
        if let Some((_, s)) = d.log_types.find(|t| t == "AUDIT_LOGS") {
            out.pass(d.id, s.clone(), attr);
        } else if let Some((w, s)) = &d.log_types.unknown {
            out.unknown(
                d.id,
                s.clone(),
                attr,
                w.clone(),
                "audit logs may not be published",
            );
        } else {
            out.fail(d.id, r.span.clone(), attr, "audit logs are not published");
        }
    }
}
