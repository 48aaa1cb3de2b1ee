//! The built-in secret rules, one declaration each, most specific first:
//! when two matches overlap, the rule earlier in this table wins.

use palisade_engine::Severity::{Critical, High, Medium};

use crate::rule::{BASE, FW_KEY, PEM_WINDOW, SecretRule};
use crate::validate::{docker_auth, freeform_secret, freeform_token, freeform_url, jwt, pem_body};

/// `name` then an assignment operator (YAML `:`, HCL/env `=`, Go `:=`, Ruby
/// `=>`) then an optional opening quote.
macro_rules! assign {
    () => {
        r#"["']?\s*(?::=|=>|[:=])\s*["'`]?"#
    };
}

/// A PEM body after a `-----BEGIN … -----` line: optional RFC 1421 headers,
/// then base64 lines (real or `\n`-escaped newlines).
macro_rules! pem {
    () => {
        r#"(?:\\n|\\r|\s)*(?:[ \t]*[A-Za-z][A-Za-z-]*: [^\n\\]*(?:\\n|\r?\n))*(?:\\n|\\r|\s)*(?P<s>[A-Za-z0-9+/=]{40,}(?:(?:\\n|\\r|\s)+[A-Za-z0-9+/=]{4,})*)"#
    };
}

/// A generic free-form value after an assignment.
macro_rules! value {
    () => {
        r#"(?P<s>[^\s"'`,;()\[\]{}<>=$][^\s"'`,;()\[\]{}<>]{7,127})"#
    };
}

/// A generic token-like value (at least 16 characters).
macro_rules! token_value {
    () => {
        r#"(?P<s>[^\s"'`,;()\[\]{}<>=$][^\s"'`,;()\[\]{}<>]{15,127})"#
    };
}

/// A database URL with a password, for the given schemes.
macro_rules! db_url {
    ($schemes:literal) => {
        concat!(
            r#"(?i)\b(?:"#,
            $schemes,
            r#")(?:\+[a-z0-9]+)?://[^:/?#\s"'@]*:(?P<s>[^@/?#\s"']+)@[A-Za-z0-9_\[][^\s"'/]*"#
        )
    };
}

static RULES: &[SecretRule] = &[
    // ---------------------------------------------------------------- AWS
    SecretRule {
        id: "PAL-SECRET-001",
        title: "AWS access key ID",
        severity: Critical,
        description: "An AWS access key ID (AKIA long-term, ASIA temporary, ABIA/ACCA/A3T). It is half of an IAM credential and identifies the account.",
        keywords: &["akia", "asia", "abia", "acca", "a3t"],
        regex: r"\b(?P<s>(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b",
        entropy: Some(3.0),
        true_positives: &[
            "aws_access_key_id = AKIA«B32:16»",
            "export AWS_ACCESS_KEY_ID=\"ASIA«B32:16»\"",
        ],
        false_positives: &[
            "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
            "region: Asia Pacific (AKIA123)",
        ],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-002",
        title: "AWS secret access key",
        severity: Critical,
        description: "An AWS secret access key assigned to an AWS secret-key name; with the access key ID it signs any API call the IAM principal may make.",
        keywords: &[
            "aws_secret",
            "awssecret",
            "aws-secret",
            "secret_access",
            "secretaccess",
            "secret-access",
        ],
        regex: concat!(
            r"(?i)(?:aws[a-z0-9_.\-]{0,20}secret|secret[_\-]?access)[a-z0-9_.\-]{0,20}",
            assign!(),
            r"(?P<s>[A-Za-z0-9/+=]{40})(?:[^A-Za-z0-9/+=]|$)"
        ),
        entropy: Some(4.0),
        true_positives: &[
            "aws_secret_access_key = «b64:40»",
            "AWS_SECRET_ACCESS_KEY: \"«b64:40»\"",
        ],
        false_positives: &[
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "aws_secret_access_key = var.aws_secret_key",
        ],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-003",
        title: "AWS session token",
        severity: High,
        description: "A temporary AWS session token assigned to a session-token name.",
        keywords: &["session_token", "sessiontoken", "session-token"],
        regex: concat!(
            r"(?i)session[_\-]?token",
            assign!(),
            r"(?P<s>[A-Za-z0-9/+=]{100,})"
        ),
        entropy: Some(4.0),
        true_positives: &["AWS_SESSION_TOKEN=«b64:200»"],
        false_positives: &["aws_session_token = \"\"", "session_token = data.aws.token"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-004",
        title: "Amazon MWS auth token",
        severity: High,
        description: "An Amazon Marketplace Web Service auth token.",
        keywords: &["amzn.mws."],
        regex: r"\b(?P<s>amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b",
        true_positives: &["mws_token: amzn.mws.«hex:8»-«hex:4»-«hex:4»-«hex:4»-«hex:12»"],
        false_positives: &["see amzn.mws.docs for details"],
        ..BASE
    },
    // ---------------------------------------------------------------- Google
    SecretRule {
        id: "PAL-SECRET-005",
        title: "Google (GCP) API key",
        severity: High,
        description: "A Google API key (AIza…), usable against every Google API enabled for its project that the key is not restricted from.",
        keywords: &["aiza"],
        regex: r"\b(?P<s>AIza[0-9A-Za-z_\-]{35})(?:[^0-9A-Za-z_\-]|$)",
        true_positives: &["\"api_key\": \"AIza«url:35»\""],
        false_positives: &["key: AIzaShort123"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-006",
        title: "GCP service-account private key (JSON key file)",
        severity: Critical,
        description: "The private key of a Google Cloud service-account JSON key file: whoever holds it acts as the service account.",
        keywords: &["\"private_key\""],
        regex: r#""private_key"\s*:\s*"(?P<s>-----BEGIN PRIVATE KEY-----\\n[A-Za-z0-9+/=]{40,}(?:\\n[A-Za-z0-9+/=]+)*)"#,
        frameworks: FW_KEY,
        true_positives: &[
            "{\n  \"type\": \"service_account\",\n  \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n«b64:64»\\n«b64:64»\\n-----END PRIVATE KEY-----\\n\",\n  \"client_email\": \"ci@p.iam.gserviceaccount.com\"\n}",
        ],
        false_positives: &["\"private_key\": \"\"", "\"private_key_id\": \"«hex:40»\""],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-007",
        title: "Google OAuth client secret",
        severity: High,
        description: "A Google OAuth 2.0 client secret (GOCSPX-…).",
        keywords: &["gocspx-"],
        regex: r"\b(?P<s>GOCSPX-[A-Za-z0-9_\-]{28})(?:[^A-Za-z0-9_\-]|$)",
        true_positives: &["client_secret: GOCSPX-«url:28»"],
        false_positives: &["client_secret: GOCSPX-<your secret>"],
        ..BASE
    },
    // ---------------------------------------------------------------- Azure
    SecretRule {
        id: "PAL-SECRET-008",
        title: "Azure storage account key in a connection string",
        severity: Critical,
        description: "An Azure Storage (or Cosmos DB) account key inside a connection string (AccountKey=…): full access to the account's data.",
        keywords: &["accountkey="],
        regex: r"(?i)AccountKey=(?P<s>[A-Za-z0-9+/]{86}==)",
        true_positives: &[
            "DefaultEndpointsProtocol=https;AccountName=prodstore;AccountKey=«b64:86»==;EndpointSuffix=core.windows.net",
        ],
        false_positives: &[
            "DefaultEndpointsProtocol=https;AccountName=prodstore;AccountKey=${STORAGE_KEY}",
            "AccountKey=<account-key>",
        ],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-009",
        title: "Azure storage account key",
        severity: Critical,
        description: "An 88-character Azure Storage account key assigned to a storage-key name.",
        keywords: &[
            "storage_account_key",
            "storage_account_access_key",
            "storage_key",
            "storagekey",
            "storage-key",
            "storage_access_key",
            "storageaccountkey",
            "storage_primary_key",
        ],
        regex: concat!(
            r"(?i)(?:storage|azure)[a-z0-9_.\-]{0,30}key",
            assign!(),
            r"(?P<s>[A-Za-z0-9+/]{86}==)"
        ),
        true_positives: &["storage_account_access_key = \"«b64:86»==\""],
        false_positives: &[
            "storage_account_access_key = azurerm_storage_account.main.primary_access_key",
        ],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-010",
        title: "Azure shared access signature (SAS) token",
        severity: High,
        description: "An Azure SAS URL or token with its signature (sig=): grants the permissions it encodes until it expires.",
        keywords: &["sig="],
        regex: r#"(?i)[?&]sv=\d{4}-\d{2}-\d{2}&[^\s"'<>]*?sig=(?P<s>[A-Za-z0-9%+/]{40,}={0,2})"#,
        true_positives: &[
            "url: https://acct.blob.core.windows.net/c?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&sig=«b64:43»%3D",
        ],
        false_positives: &["?sv=2022-11-02&ss=b&sig=", "sig=abc&sv=1"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-011",
        title: "Azure AD (Entra ID) client secret",
        severity: Critical,
        description: "An Azure AD application client secret (xxx8Q~…): authenticates as the app registration.",
        keywords: &["q~"],
        regex: r#"(?:^|[\\'"`\s>=:(,)])(?P<s>[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.\-]{31,34})(?:$|[\\'"`\s<),])"#,
        true_positives: &["client_secret = \"«b62:3»8Q~«b62:34»\""],
        false_positives: &["note: Q~ is not a secret", "value = \"ab8Q~short\""],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-012",
        title: "Azure Service Bus / Event Hubs shared access key",
        severity: High,
        description: "A SharedAccessKey in an Azure Service Bus, Event Hubs or IoT Hub connection string.",
        keywords: &["sharedaccesskey="],
        regex: r"(?i)SharedAccessKey=(?P<s>[A-Za-z0-9+/]{42,43}=)",
        true_positives: &[
            "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=«b64:43»=",
        ],
        false_positives: &["SharedAccessKeyName=Root;SharedAccessKey=${SB_KEY}"],
        ..BASE
    },
    // ---------------------------------------------------------------- GitHub
    SecretRule {
        id: "PAL-SECRET-013",
        title: "GitHub personal access token (classic)",
        severity: Critical,
        description: "A classic GitHub personal access token (ghp_…).",
        keywords: &["ghp_"],
        regex: r"\b(?P<s>ghp_[A-Za-z0-9]{36})\b",
        true_positives: &["GITHUB_TOKEN=ghp_«b62:36»"],
        false_positives: &[
            "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "ghp_short",
        ],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-014",
        title: "GitHub OAuth access token",
        severity: High,
        description: "A GitHub OAuth app access token (gho_…).",
        keywords: &["gho_"],
        regex: r"\b(?P<s>gho_[A-Za-z0-9]{36})\b",
        true_positives: &["oauth: gho_«b62:36»"],
        false_positives: &["oauth: gho_«b62:20»"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-015",
        title: "GitHub App user-to-server token",
        severity: High,
        description: "A GitHub App user-to-server token (ghu_…).",
        keywords: &["ghu_"],
        regex: r"\b(?P<s>ghu_[A-Za-z0-9]{36})\b",
        true_positives: &["token ghu_«b62:36»"],
        false_positives: &["token ghu_<token>"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-016",
        title: "GitHub App installation (server-to-server) token",
        severity: High,
        description: "A GitHub App installation access token (ghs_…), e.g. a leaked Actions GITHUB_TOKEN.",
        keywords: &["ghs_"],
        regex: r"\b(?P<s>ghs_[A-Za-z0-9]{36})\b",
        true_positives: &["Authorization: token ghs_«b62:36»"],
        false_positives: &["ghs_ prefix marks installation tokens"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-017",
        title: "GitHub refresh token",
        severity: High,
        description: "A GitHub App refresh token (ghr_…).",
        keywords: &["ghr_"],
        regex: r"\b(?P<s>ghr_[A-Za-z0-9]{36,76})\b",
        true_positives: &["refresh_token: ghr_«b62:76»"],
        false_positives: &["refresh_token: ghr_short"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-018",
        title: "GitHub fine-grained personal access token",
        severity: Critical,
        description: "A fine-grained GitHub personal access token (github_pat_…).",
        keywords: &["github_pat_"],
        regex: r"\b(?P<s>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b",
        true_positives: &["GH_TOKEN: github_pat_«b62:22»_«b62:59»"],
        false_positives: &["see github_pat_ tokens in the docs"],
        ..BASE
    },
    // ---------------------------------------------------------------- GitLab
    SecretRule {
        id: "PAL-SECRET-019",
        title: "GitLab personal access token",
        severity: Critical,
        description: "A GitLab personal, project or group access token (glpat-…).",
        keywords: &["glpat-"],
        regex: r"\b(?P<s>glpat-[A-Za-z0-9_\-]{20,}(?:\.[A-Za-z0-9_\-]+)*)",
        true_positives: &["private_token = \"glpat-«url:20»\""],
        false_positives: &["private_token = \"glpat-<token>\""],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-020",
        title: "GitLab deploy token",
        severity: High,
        description: "A GitLab deploy token (gldt-…).",
        keywords: &["gldt-"],
        regex: r"\b(?P<s>gldt-[A-Za-z0-9_\-]{20,})",
        true_positives: &["password: gldt-«url:20»"],
        false_positives: &["password: gldt-${CI_DEPLOY_PASSWORD}"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-021",
        title: "GitLab runner token",
        severity: High,
        description: "A GitLab runner authentication token (glrt-…) or legacy registration token (GR1348941…).",
        keywords: &["glrt-", "gr1348941"],
        regex: r"\b(?P<s>(?:glrt-|GR1348941)[A-Za-z0-9_\-]{20,})",
        true_positives: &[
            "token = \"glrt-«url:20»\"",
            "registration-token GR1348941«url:20»",
        ],
        false_positives: &["token = \"glrt-REPLACE\""],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-022",
        title: "GitLab pipeline trigger token",
        severity: High,
        description: "A GitLab pipeline trigger token (glptt-…).",
        keywords: &["glptt-"],
        regex: r"\b(?P<s>glptt-[0-9a-f]{40})\b",
        true_positives: &[
            "curl -F token=glptt-«hex:40» https://gitlab.example/api/v4/projects/1/trigger/pipeline",
        ],
        false_positives: &["curl -F token=glptt-$TRIGGER https://gitlab.example"],
        ..BASE
    },
    // ---------------------------------------------------------------- Slack
    SecretRule {
        id: "PAL-SECRET-023",
        title: "Slack bot token",
        severity: High,
        description: "A Slack bot user OAuth token (xoxb-…).",
        keywords: &["xoxb-"],
        regex: r"\b(?P<s>xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24,34})\b",
        true_positives: &["SLACK_BOT_TOKEN=xoxb-«dig:12»-«dig:13»-«b62:24»"],
        false_positives: &["SLACK_BOT_TOKEN=xoxb-your-token"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-024",
        title: "Slack user token",
        severity: High,
        description: "A Slack user OAuth token (xoxp-…) or token-rotation token (xoxe-…).",
        keywords: &["xoxp-", "xoxe-"],
        regex: r"\b(?P<s>xox[pe]-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{28,34})\b",
        true_positives: &["token: xoxp-«dig:12»-«dig:12»-«dig:13»-«hex:32»"],
        false_positives: &["token: xoxp-1234-5678"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-025",
        title: "Slack app-level token",
        severity: High,
        description: "A Slack app-level token (xapp-…).",
        keywords: &["xapp-"],
        regex: r"\b(?P<s>xapp-\d-[A-Z0-9]{9,12}-\d{10,13}-[a-z0-9]{64})\b",
        true_positives: &["SLACK_APP_TOKEN=xapp-1-A«UP:10»-«dig:13»-«low:64»"],
        false_positives: &["SLACK_APP_TOKEN=xapp-1-..."],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-026",
        title: "Slack incoming webhook URL",
        severity: Medium,
        description: "A Slack incoming-webhook or workflow URL: anyone holding it can post into the channel.",
        keywords: &["hooks.slack.com"],
        regex: r"https://hooks\.slack\.com/(?:services|workflows|triggers)/T[A-Z0-9]{8,12}/[A-Z0-9]{8,12}/(?P<s>[A-Za-z0-9]{23,25})\b",
        true_positives: &[
            "webhook_url = \"https://hooks.slack.com/services/T«UP:9»/B«UP:9»/«b62:24»\"",
        ],
        false_positives: &["see https://hooks.slack.com/services/ for the format"],
        ..BASE
    },
    // ---------------------------------------------------------------- payments
    SecretRule {
        id: "PAL-SECRET-027",
        title: "Stripe live secret key",
        severity: Critical,
        description: "A Stripe live-mode secret API key (sk_live_…). Test-mode keys (sk_test_) are not reported.",
        keywords: &["sk_live_"],
        regex: r"\b(?P<s>sk_live_[A-Za-z0-9]{24,99})\b",
        true_positives: &["STRIPE_SECRET_KEY=sk_live_«b62:24»"],
        false_positives: &["STRIPE_SECRET_KEY=sk_test_«b62:24»"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-028",
        title: "Stripe live restricted key",
        severity: High,
        description: "A Stripe live-mode restricted API key (rk_live_…).",
        keywords: &["rk_live_"],
        regex: r"\b(?P<s>rk_live_[A-Za-z0-9]{24,99})\b",
        true_positives: &["stripe.api_key = 'rk_live_«b62:30»'"],
        false_positives: &["stripe.api_key = 'rk_test_«b62:30»'"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-029",
        title: "Square access token",
        severity: Critical,
        description: "A Square production access token (EAAA… or legacy sq0atp-…).",
        keywords: &["sq0atp-", "eaaa"],
        regex: r"\b(?P<s>sq0atp-[0-9A-Za-z_\-]{22}|EAAA[A-Za-z0-9_\-]{60})(?:[^A-Za-z0-9_\-]|$)",
        true_positives: &["SQUARE_TOKEN=EAAA«url:60»", "square: sq0atp-«url:22»"],
        false_positives: &["SQUARE_TOKEN=EAAA-token-goes-here"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-030",
        title: "Square OAuth secret",
        severity: High,
        description: "A Square OAuth application secret (sq0csp-…).",
        keywords: &["sq0csp-"],
        regex: r"\b(?P<s>sq0csp-[0-9A-Za-z_\-]{43})(?:[^A-Za-z0-9_\-]|$)",
        true_positives: &["app_secret: sq0csp-«url:43»"],
        false_positives: &["app_secret: sq0csp-<secret>"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-031",
        title: "PayPal Braintree access token",
        severity: Critical,
        description: "A PayPal Braintree production access token.",
        keywords: &["access_token$production$"],
        regex: r"(?P<s>access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32})\b",
        true_positives: &["BT_TOKEN=access_token$production$«low:16»$«hex:32»"],
        false_positives: &["braintree_sandbox: access_token$sandbox$«low:16»$«hex:32»"],
        ..BASE
    },
    // ---------------------------------------------------------------- messaging / email
    SecretRule {
        id: "PAL-SECRET-032",
        title: "Twilio API key",
        severity: High,
        description: "A Twilio API key SID (SK…) on a line that names Twilio.",
        keywords: &["twilio"],
        regex: r"(?i)twilio.{0,60}?\b(?P<s>SK[0-9a-f]{32})\b",
        true_positives: &["TWILIO_API_KEY=SK«hex:32»"],
        false_positives: &["TWILIO_API_KEY=${TWILIO_KEY}"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-033",
        title: "Twilio auth token",
        severity: High,
        description: "A Twilio account auth token assigned to a Twilio auth-token name.",
        keywords: &["twilio"],
        regex: concat!(
            r"(?i)twilio[a-z0-9_.\-]{0,20}auth[a-z0-9_.\-]{0,10}token",
            assign!(),
            r"(?P<s>[0-9a-f]{32})\b"
        ),
        true_positives: &["twilio_auth_token: \"«hex:32»\""],
        false_positives: &["twilio_auth_token: \"{{ vault_twilio }}\""],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-034",
        title: "SendGrid API key",
        severity: High,
        description: "A SendGrid API key (SG.….…).",
        keywords: &["sg."],
        regex: r"\b(?P<s>SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43})(?:[^A-Za-z0-9_\-]|$)",
        true_positives: &["SENDGRID_API_KEY=SG.«url:22».«url:43»"],
        false_positives: &["log(msg.body)"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-035",
        title: "Mailgun API key",
        severity: High,
        description: "A Mailgun private API key (key-…).",
        keywords: &["key-"],
        regex: r"\b(?P<s>key-[0-9a-f]{32})\b",
        true_positives: &["MAILGUN_API_KEY=key-«hex:32»"],
        false_positives: &["api-key-rotation: enabled"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-036",
        title: "Mailchimp API key",
        severity: High,
        description: "A Mailchimp API key (32 hex characters and a data-center suffix).",
        keywords: &["-us"],
        regex: r"\b(?P<s>[0-9a-f]{32}-us[0-9]{1,2})\b",
        true_positives: &["mailchimp_key: «hex:32»-us14"],
        false_positives: &["region: en-us"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-037",
        title: "Discord bot token",
        severity: High,
        description: "A Discord bot token assigned to a Discord name.",
        keywords: &["discord"],
        regex: concat!(
            r"(?i)discord[a-z0-9_.\-]{0,20}",
            assign!(),
            r"(?P<s>(?-i:[MNO])[A-Za-z0-9_\-]{23,25}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,38})"
        ),
        true_positives: &["DISCORD_BOT_TOKEN=M«b62:23».«url:6».«url:27»"],
        false_positives: &["DISCORD_BOT_TOKEN=changeme"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-038",
        title: "Discord webhook URL",
        severity: Medium,
        description: "A Discord webhook URL with its token.",
        keywords: &["discord"],
        regex: r"https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/(?P<s>[A-Za-z0-9_\-]{60,70})",
        true_positives: &["url: https://discord.com/api/webhooks/«dig:18»/«url:68»"],
        false_positives: &["url: https://discord.com/api/webhooks/{id}/{token}"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-039",
        title: "Telegram bot token",
        severity: High,
        description: "A Telegram Bot API token (bot id, colon, AA…).",
        keywords: &[":aa"],
        regex: r"(?:^|[^0-9])(?P<s>[0-9]{8,10}:AA[A-Za-z0-9_\-]{33})(?:[^A-Za-z0-9_\-]|$)",
        true_positives: &["TELEGRAM_TOKEN=«dig:10»:AA«url:33»"],
        false_positives: &["time: 12:AA"],
        ..BASE
    },
    // ---------------------------------------------------------------- registries / dev tools
    SecretRule {
        id: "PAL-SECRET-040",
        title: "npm access token",
        severity: Critical,
        description: "An npm access token (npm_…): can publish packages as its owner.",
        keywords: &["npm_"],
        regex: r"\b(?P<s>npm_[A-Za-z0-9]{36})\b",
        true_positives: &["//registry.npmjs.org/:_authToken=npm_«b62:36»"],
        false_positives: &["NPM_TOKEN=${NPM_TOKEN}"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-041",
        title: "npm registry auth token in .npmrc",
        severity: High,
        description: "A registry auth token (_authToken=…) in an .npmrc file.",
        keywords: &["_authtoken"],
        regex: r#"(?i)_authToken\s*=\s*["']?(?P<s>[A-Za-z0-9_\-.=+/]{20,})"#,
        true_positives: &[
            "//registry.npmjs.org/:_authToken=«hex:8»-«hex:4»-«hex:4»-«hex:4»-«hex:12»",
        ],
        false_positives: &["//registry.npmjs.org/:_authToken=${NPM_TOKEN}"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-042",
        title: "PyPI upload token",
        severity: Critical,
        description: "A PyPI (or TestPyPI) API token (pypi-AgEI…): can upload releases.",
        keywords: &["pypi-ageichlwas5vcmc", "pypi-agendgvzdc5wexbplm9yzw"],
        regex: r"\b(?P<s>pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_\-]{50,})",
        true_positives: &["password = pypi-AgEIcHlwaS5vcmc«url:70»"],
        false_positives: &["upload: pypi-AgEIcHlwaS5vcmc"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-043",
        title: "Docker Hub personal access token",
        severity: High,
        description: "A Docker Hub personal access token (dckr_pat_…).",
        keywords: &["dckr_pat_"],
        regex: r"\b(?P<s>dckr_pat_[A-Za-z0-9_\-]{27})(?:[^A-Za-z0-9_\-]|$)",
        true_positives: &["DOCKERHUB_TOKEN=dckr_pat_«url:27»"],
        false_positives: &["DOCKERHUB_TOKEN=dckr_pat_..."],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-044",
        title: "Docker registry credential (config.json auth)",
        severity: High,
        description: "A base64 `user:password` pair in a Docker config.json `auth` field.",
        keywords: &["\"auth\""],
        regex: r#""auth"\s*:\s*"(?P<s>[A-Za-z0-9+/]{8,}={0,2})""#,
        validator: Some(docker_auth),
        true_positives: &[
            "{\"auths\": {\"registry.example.io\": {\"auth\": \"Y2ktYm90OnE3VmQ5M2tMbVpwWDJyVHc=\"}}}",
        ],
        false_positives: &["{\"auth\": \"bm90LWEtcGFpcg==\"}"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-045",
        title: "Artifactory API key or reference token",
        severity: High,
        description: "A JFrog Artifactory API key (AKCp…) or reference token.",
        keywords: &["akcp", "cmvmdgtu"],
        regex: r"\b(?P<s>AKCp[A-Za-z0-9]{69}|cmVmdGtu[A-Za-z0-9]{56})\b",
        true_positives: &["ARTIFACTORY_API_KEY=AKCp«b62:69»"],
        false_positives: &["ARTIFACTORY_API_KEY=AKCp123"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-046",
        title: "Postman API key",
        severity: High,
        description: "A Postman API key (PMAK-…).",
        keywords: &["pmak-"],
        regex: r"\b(?P<s>PMAK-[a-f0-9]{24}-[a-f0-9]{34})\b",
        true_positives: &["POSTMAN_API_KEY=PMAK-«hex:24»-«hex:34»"],
        false_positives: &["POSTMAN_API_KEY=PMAK-"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-047",
        title: "Grafana token",
        severity: High,
        description: "A Grafana Cloud access-policy token (glc_…) or service-account token (glsa_…).",
        keywords: &["glc_", "glsa_"],
        regex: r"\b(?P<s>glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})",
        true_positives: &["GRAFANA_TOKEN=glsa_«b62:32»_«hex:8»"],
        false_positives: &["GRAFANA_TOKEN=glsa_"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-048",
        title: "Age secret key",
        severity: Critical,
        description: "An age encryption secret key (AGE-SECRET-KEY-1…).",
        keywords: &["age-secret-key-1"],
        regex: r"(?P<s>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})",
        frameworks: FW_KEY,
        true_positives: &["AGE-SECRET-KEY-1«BECH:58»"],
        false_positives: &["# AGE-SECRET-KEY-1..."],
        ..BASE
    },
    // ---------------------------------------------------------------- cloud / platforms
    SecretRule {
        id: "PAL-SECRET-049",
        title: "Heroku API key",
        severity: High,
        description: "A Heroku API key (HRKU-… or a UUID assigned to a Heroku name).",
        keywords: &["heroku", "hrku-"],
        regex: concat!(
            r"\b(HRKU-[A-Za-z0-9_\-]{60})|(?i)heroku[a-z0-9_.\-]{0,20}",
            assign!(),
            r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b"
        ),
        true_positives: &[
            "HEROKU_API_KEY=«hex:8»-«hex:4»-«hex:4»-«hex:4»-«hex:12»",
            "token: HRKU-«url:60»",
        ],
        false_positives: &["HEROKU_API_KEY=\"${{ secrets.HEROKU }}\""],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-050",
        title: "DigitalOcean personal access token",
        severity: Critical,
        description: "A DigitalOcean personal access token (dop_v1_…).",
        keywords: &["dop_v1_"],
        regex: r"\b(?P<s>dop_v1_[a-f0-9]{64})\b",
        true_positives: &["do_token = \"dop_v1_«hex:64»\""],
        false_positives: &["do_token = \"dop_v1_\""],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-051",
        title: "DigitalOcean OAuth token",
        severity: High,
        description: "A DigitalOcean OAuth access or refresh token (doo_v1_…, dor_v1_…).",
        keywords: &["doo_v1_", "dor_v1_"],
        regex: r"\b(?P<s>do[or]_v1_[a-f0-9]{64})\b",
        true_positives: &["refresh: dor_v1_«hex:64»"],
        false_positives: &["refresh: dor_v1_«hex:16»"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-052",
        title: "Shopify access token",
        severity: High,
        description: "A Shopify admin, custom-app or private-app access token (shpat_, shpca_, shppa_).",
        keywords: &["shpat_", "shpca_", "shppa_"],
        regex: r"\b(?P<s>shp(?:at|ca|pa)_[a-fA-F0-9]{32})\b",
        true_positives: &["SHOPIFY_TOKEN=shpat_«hex:32»"],
        false_positives: &["SHOPIFY_TOKEN=shpat_<token>"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-053",
        title: "Shopify shared secret",
        severity: High,
        description: "A Shopify app shared secret (shpss_…).",
        keywords: &["shpss_"],
        regex: r"\b(?P<s>shpss_[a-fA-F0-9]{32})\b",
        true_positives: &["SHOPIFY_SECRET=shpss_«hex:32»"],
        false_positives: &["SHOPIFY_SECRET=shpss_abc"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-054",
        title: "Datadog API key",
        severity: High,
        description: "A Datadog API key assigned to a Datadog API-key name.",
        keywords: &["datadog", "dd_api", "dd-api", "ddapi"],
        regex: concat!(
            r"(?i)(?:datadog|\bdd)[a-z0-9_.\-]{0,20}api[_\-]?key",
            assign!(),
            r"(?P<s>[0-9a-f]{32})\b"
        ),
        true_positives: &["DD_API_KEY=«hex:32»", "datadog_api_key = \"«hex:32»\""],
        false_positives: &["DD_API_KEY=${DD_API_KEY}"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-055",
        title: "Datadog application key",
        severity: High,
        description: "A Datadog application key assigned to a Datadog app-key name.",
        keywords: &["datadog", "dd_app", "dd-app", "ddapp"],
        regex: concat!(
            r"(?i)(?:datadog|\bdd)[a-z0-9_.\-]{0,20}app(?:lication)?[_\-]?key",
            assign!(),
            r"(?P<s>[0-9a-f]{40})\b"
        ),
        true_positives: &["DD_APP_KEY=«hex:40»"],
        false_positives: &["DD_APP_KEY="],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-056",
        title: "New Relic user API key",
        severity: High,
        description: "A New Relic user API key (NRAK-…).",
        keywords: &["nrak-"],
        regex: r"\b(?P<s>NRAK-[A-Z0-9]{27})\b",
        true_positives: &["NEW_RELIC_API_KEY=NRAK-«UP:27»"],
        false_positives: &["NEW_RELIC_API_KEY=NRAK-XXXX"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-057",
        title: "New Relic insert key",
        severity: Medium,
        description: "A New Relic insights insert key (NRII-…).",
        keywords: &["nrii-"],
        regex: r"\b(?P<s>NRII-[A-Za-z0-9_\-]{32})(?:[^A-Za-z0-9_\-]|$)",
        true_positives: &["insert_key: NRII-«url:32»"],
        false_positives: &["insert_key: NRII-"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-058",
        title: "Sentry organization auth token",
        severity: High,
        description: "A Sentry organization auth token (sntrys_…).",
        keywords: &["sntrys_"],
        regex: r"\b(?P<s>sntrys_eyJ[A-Za-z0-9+/=_\-]{60,})",
        true_positives: &[
            "SENTRY_AUTH_TOKEN=sntrys_eyJpYXQiOjE3MDAwMDAwMDAuMCwidXJsIjoiaHR0cHM6Ly9zZW50cnkuaW8ifQ_«b64:43»",
        ],
        false_positives: &["SENTRY_AUTH_TOKEN=sntrys_"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-059",
        title: "Sentry user auth token",
        severity: High,
        description: "A Sentry user auth token (sntryu_…).",
        keywords: &["sntryu_"],
        regex: r"\b(?P<s>sntryu_[a-f0-9]{64})\b",
        true_positives: &["auth.token=sntryu_«hex:64»"],
        false_positives: &["auth.token=sntryu_<token>"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-060",
        title: "Sentry DSN with secret key",
        severity: Medium,
        description: "A legacy Sentry DSN that carries the project's secret key (https://public:secret@…sentry…). Modern public-key-only DSNs are not reported.",
        keywords: &["sentry"],
        regex: r"https?://[0-9a-f]{32}:(?P<s>[0-9a-f]{32})@[A-Za-z0-9.\-]*sentry[A-Za-z0-9.\-]*/[0-9]+",
        true_positives: &["SENTRY_DSN=https://«hex:32»:«hex:32»@o1.ingest.sentry.io/42"],
        false_positives: &["SENTRY_DSN=https://«hex:32»@o1.ingest.sentry.io/42"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-061",
        title: "Atlassian API token",
        severity: High,
        description: "An Atlassian (Jira/Confluence/Bitbucket) API token (ATATT3…).",
        keywords: &["atatt3"],
        regex: r"\b(?P<s>ATATT3[A-Za-z0-9_\-=]{150,250})",
        true_positives: &["JIRA_API_TOKEN=ATATT3«url:180»=«HEX:8»"],
        false_positives: &["JIRA_API_TOKEN=ATATT3..."],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-062",
        title: "Okta API token",
        severity: High,
        description: "An Okta API token (00…) assigned to an Okta token or key name.",
        keywords: &["okta"],
        regex: concat!(
            r"(?i)okta[a-z0-9_.\-]{0,20}(?:token|key)",
            assign!(),
            r"(?P<s>00[A-Za-z0-9_\-]{40})(?:[^A-Za-z0-9_\-]|$)"
        ),
        true_positives: &["okta_api_token = \"00«url:40»\""],
        false_positives: &["okta_api_token = var.okta_token"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-063",
        title: "HashiCorp Vault service token",
        severity: Critical,
        description: "A HashiCorp Vault service token (hvs.… or a legacy s.… token assigned to a Vault name).",
        keywords: &["hvs.", "vault"],
        regex: concat!(
            r"\b(hvs\.[A-Za-z0-9_\-]{90,120})|(?i)vault[a-z0-9_.\-]{0,20}token",
            assign!(),
            r"(s\.[A-Za-z0-9]{24})\b"
        ),
        true_positives: &["VAULT_TOKEN=hvs.«url:91»", "vault_token: s.«b62:24»"],
        false_positives: &["VAULT_TOKEN=hvs.example"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-064",
        title: "HashiCorp Vault batch token",
        severity: High,
        description: "A HashiCorp Vault batch token (hvb.…).",
        keywords: &["hvb."],
        regex: r"\b(?P<s>hvb\.[A-Za-z0-9_\-]{138,300})",
        true_positives: &["token: hvb.«url:150»"],
        false_positives: &["token: hvb.short"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-065",
        title: "Terraform Cloud / Enterprise API token",
        severity: Critical,
        description: "A Terraform Cloud or Enterprise API token (….atlasv1.…): can read state and run plans and applies.",
        keywords: &["atlasv1"],
        regex: r"\b(?P<s>[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_\-=]{60,70})(?:[^A-Za-z0-9_\-=]|$)",
        true_positives: &[
            "credentials \"app.terraform.io\" { token = \"«b62:14».atlasv1.«url:67»\" }",
        ],
        false_positives: &["token = \"xxxxxxxxxxxxxx.atlasv1.xxxx\""],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-066",
        title: "Doppler token",
        severity: High,
        description: "A Doppler service, personal, CLI, service-account, SCIM or audit token (dp.st.…, dp.pt.…).",
        keywords: &[
            "dp.st.",
            "dp.pt.",
            "dp.ct.",
            "dp.sa.",
            "dp.scim.",
            "dp.audit.",
        ],
        regex: r"\b(?P<s>dp\.(?:st|pt|ct|sa|scim|audit)\.(?:[a-z0-9_\-]{2,35}\.)?[A-Za-z0-9]{40,44})\b",
        true_positives: &["DOPPLER_TOKEN=dp.st.prd.«b62:43»"],
        false_positives: &["DOPPLER_TOKEN=dp.st.xxx"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-067",
        title: "Linear API key",
        severity: Medium,
        description: "A Linear API key (lin_api_…).",
        keywords: &["lin_api_"],
        regex: r"\b(?P<s>lin_api_[A-Za-z0-9]{40})\b",
        true_positives: &["LINEAR_API_KEY=lin_api_«b62:40»"],
        false_positives: &["LINEAR_API_KEY=lin_api_"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-068",
        title: "Notion integration token",
        severity: Medium,
        description: "A Notion integration token (ntn_… or legacy secret_…).",
        keywords: &["ntn_", "secret_"],
        regex: r"\b(?P<s>ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})\b",
        true_positives: &[
            "NOTION_TOKEN=ntn_«dig:11»«b62:35»",
            "NOTION_KEY=secret_«b62:43»",
        ],
        false_positives: &["secret_name = \"notion\""],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-069",
        title: "OpenAI API key",
        severity: High,
        description: "An OpenAI API key (sk-…T3BlbkFJ…, including project and service-account keys).",
        keywords: &["t3blbkfj"],
        regex: r"\b(?P<s>sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,74}T3BlbkFJ[A-Za-z0-9_\-]{20,74})(?:[^A-Za-z0-9_\-]|$)",
        true_positives: &["OPENAI_API_KEY=sk-proj-«url:40»T3BlbkFJ«url:40»"],
        false_positives: &["OPENAI_API_KEY=sk-..."],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-070",
        title: "Anthropic API key",
        severity: High,
        description: "An Anthropic API or admin key (sk-ant-api03-…, sk-ant-admin01-…).",
        keywords: &["sk-ant-"],
        regex: r"\b(?P<s>sk-ant-(?:api03|admin01)-[A-Za-z0-9_\-]{93}AA)(?:[^A-Za-z0-9_\-]|$)",
        true_positives: &["ANTHROPIC_API_KEY=sk-ant-api03-«url:93»AA"],
        false_positives: &["ANTHROPIC_API_KEY=sk-ant-..."],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-071",
        title: "Hugging Face access token",
        severity: High,
        description: "A Hugging Face user access token (hf_…) or organization token (api_org_…).",
        keywords: &["hf_", "api_org_"],
        regex: r"\b(?P<s>hf_[A-Za-z]{34}|api_org_[A-Za-z]{34})\b",
        true_positives: &["HF_TOKEN=hf_«alpha:34»"],
        false_positives: &["HF_TOKEN=hf_<token>"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-072",
        title: "Databricks personal access token",
        severity: High,
        description: "A Databricks personal access token (dapi…).",
        keywords: &["dapi"],
        regex: r"\b(?P<s>dapi[a-f0-9]{32}(?:-[0-9])?)\b",
        true_positives: &["token = \"dapi«hex:32»\""],
        false_positives: &["DatabricksApi client"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-073",
        title: "Twitter / X bearer token",
        severity: High,
        description: "A Twitter (X) API app-only bearer token (AAAAAAAAAAAAAAAAAAAAA…).",
        keywords: &["aaaaaaaaaaaaaaaaaaaaa"],
        regex: r"(?P<s>AAAAAAAAAAAAAAAAAAAAA[A-Za-z0-9%]{80,120})",
        entropy: Some(3.0),
        true_positives: &["TWITTER_BEARER_TOKEN=AAAAAAAAAAAAAAAAAAAAA«b62:20»%3D«b62:60»"],
        false_positives: &[
            "padding: AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        ],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-074",
        title: "Facebook access token",
        severity: High,
        description: "A Facebook (Meta) Graph API user or page access token (EAAM…/EAAC…).",
        keywords: &["eaam", "eaac"],
        regex: r"\b(?P<s>EAA[MC][A-Za-z0-9]{100,})",
        true_positives: &["FB_ACCESS_TOKEN=EAAM«b62:120»"],
        false_positives: &["FB_ACCESS_TOKEN=EAAMshort"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-075",
        title: "Facebook app secret",
        severity: High,
        description: "A Facebook app secret (32 hex characters) assigned to a Facebook secret name.",
        keywords: &["facebook", "fb_", "fb-"],
        regex: concat!(
            r"(?i)(?:facebook|\bfb)[a-z0-9_.\-]{0,20}secret",
            assign!(),
            r"(?P<s>[0-9a-f]{32})\b"
        ),
        true_positives: &["FACEBOOK_APP_SECRET=«hex:32»"],
        false_positives: &["FACEBOOK_APP_SECRET=${FB_SECRET}"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-076",
        title: "Dropbox access token",
        severity: High,
        description: "A Dropbox short-lived access token (sl.…).",
        keywords: &["sl."],
        regex: r"\b(?P<s>sl\.[A-Za-z0-9_\-=]{130,152})",
        entropy: Some(3.5),
        true_positives: &["DROPBOX_TOKEN=sl.«url:135»"],
        false_positives: &["ssl.enabled=true"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-077",
        title: "Cloudflare API token",
        severity: High,
        description: "A Cloudflare API token (40 characters) assigned to a Cloudflare token name.",
        keywords: &["cloudflare", "cf_api", "cf-api", "cf_token"],
        regex: concat!(
            r"(?i)(?:cloudflare|\bcf)[a-z0-9_.\-]{0,20}token",
            assign!(),
            r"(?P<s>[A-Za-z0-9_\-]{40})(?:[^A-Za-z0-9_\-]|$)"
        ),
        true_positives: &["CLOUDFLARE_API_TOKEN=«url:40»"],
        false_positives: &["cloudflare_api_token = var.cloudflare_api_token"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-078",
        title: "Cloudflare global API key",
        severity: Critical,
        description: "A Cloudflare global API key (37 hex characters) assigned to a Cloudflare key name.",
        keywords: &["cloudflare", "cf_api", "cf-api", "cf_key"],
        regex: concat!(
            r"(?i)(?:cloudflare|\bcf)[a-z0-9_.\-]{0,20}key",
            assign!(),
            r"(?P<s>[0-9a-f]{37})\b"
        ),
        true_positives: &["CF_API_KEY=«hex:37»"],
        false_positives: &["CF_API_KEY=${CF_KEY}"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-079",
        title: "Cloudflare Origin CA key",
        severity: High,
        description: "A Cloudflare Origin CA key (v1.0-…).",
        keywords: &["v1.0-"],
        regex: r"\b(?P<s>v1\.0-[a-f0-9]{24}-[a-f0-9]{146})\b",
        true_positives: &["origin_ca_key = \"v1.0-«hex:24»-«hex:146»\""],
        false_positives: &["version: v1.0-beta"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-080",
        title: "Alibaba Cloud AccessKey ID",
        severity: High,
        description: "An Alibaba Cloud AccessKey ID (LTAI…).",
        keywords: &["ltai"],
        regex: r"\b(?P<s>LTAI[A-Za-z0-9]{12,20})\b",
        entropy: Some(3.0),
        true_positives: &["access_key = \"LTAI«b62:20»\""],
        false_positives: &["access_key = \"LTAI\""],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-081",
        title: "Alibaba Cloud AccessKey secret",
        severity: Critical,
        description: "An Alibaba Cloud AccessKey secret (30 characters) assigned to an Alibaba secret name.",
        keywords: &["alibaba", "aliyun", "alicloud"],
        regex: concat!(
            r"(?i)(?:alibaba|aliyun|alicloud)[a-z0-9_.\-]{0,30}secret[a-z0-9_.\-]{0,20}",
            assign!(),
            r"(?P<s>[A-Za-z0-9]{30})\b"
        ),
        true_positives: &["ALICLOUD_SECRET_KEY=«b62:30»"],
        false_positives: &["ALICLOUD_SECRET_KEY=${ALI_SECRET}"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-082",
        title: "Pulumi access token",
        severity: High,
        description: "A Pulumi Cloud access token (pul-…).",
        keywords: &["pul-"],
        regex: r"\b(?P<s>pul-[a-f0-9]{40})\b",
        true_positives: &["PULUMI_ACCESS_TOKEN=pul-«hex:40»"],
        false_positives: &["git pull-request"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-083",
        title: "Mapbox secret token",
        severity: Medium,
        description: "A Mapbox secret access token (sk.eyJ…).",
        keywords: &["sk.eyj"],
        regex: r"\b(?P<s>sk\.eyJ[A-Za-z0-9_\-]{50,}\.[A-Za-z0-9_\-]{20,})",
        true_positives: &["MAPBOX_TOKEN=sk.eyJ«url:60».«url:22»"],
        false_positives: &["mapbox_public: pk.eyJ«url:60».«url:22»"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-084",
        title: "PlanetScale token or password",
        severity: High,
        description: "A PlanetScale service token, OAuth token or database password (pscale_…).",
        keywords: &["pscale_"],
        regex: r"\b(?P<s>pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.=\-]{32,64})",
        true_positives: &["DATABASE_PASSWORD=pscale_pw_«url:43»"],
        false_positives: &["DATABASE_PASSWORD=pscale_pw_"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-085",
        title: "Supabase access token",
        severity: High,
        description: "A Supabase personal access token (sbp_…).",
        keywords: &["sbp_"],
        regex: r"\b(?P<s>sbp_[a-f0-9]{40})\b",
        true_positives: &["SUPABASE_ACCESS_TOKEN=sbp_«hex:40»"],
        false_positives: &["SUPABASE_ACCESS_TOKEN=sbp_"],
        ..BASE
    },
    // ---------------------------------------------------------------- private keys
    SecretRule {
        id: "PAL-SECRET-086",
        title: "RSA private key (PEM)",
        severity: Critical,
        description: "A PKCS#1 RSA private key block.",
        keywords: &["rsa private key"],
        regex: concat!("-----BEGIN RSA PRIVATE KEY-----", pem!()),
        validator: Some(pem_body),
        window: PEM_WINDOW,
        frameworks: FW_KEY,
        true_positives: &[
            "-----BEGIN RSA PRIVATE KEY-----\nMIIEow«b64:58»\n«b64:64»\n«b64:40»\n-----END RSA PRIVATE KEY-----\n",
            "key: |\n  -----BEGIN RSA PRIVATE KEY-----\n  Proc-Type: 4,ENCRYPTED\n  DEK-Info: AES-128-CBC,«HEX:32»\n\n  «b64:64»\n  «b64:64»\n  -----END RSA PRIVATE KEY-----\n",
        ],
        false_positives: &["-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-087",
        title: "EC private key (PEM)",
        severity: Critical,
        description: "An elliptic-curve (SEC 1) private key block.",
        keywords: &["ec private key"],
        regex: concat!("-----BEGIN EC PRIVATE KEY-----", pem!()),
        validator: Some(pem_body),
        window: PEM_WINDOW,
        frameworks: FW_KEY,
        true_positives: &[
            "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE«b64:56»\n«b64:64»\n-----END EC PRIVATE KEY-----",
        ],
        false_positives: &["pem_type = \"-----BEGIN EC PRIVATE KEY-----\""],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-088",
        title: "DSA private key (PEM)",
        severity: Critical,
        description: "A DSA private key block.",
        keywords: &["dsa private key"],
        regex: concat!("-----BEGIN DSA PRIVATE KEY-----", pem!()),
        validator: Some(pem_body),
        window: PEM_WINDOW,
        frameworks: FW_KEY,
        true_positives: &[
            "-----BEGIN DSA PRIVATE KEY-----\nMIIBuw«b64:58»\n«b64:64»\n-----END DSA PRIVATE KEY-----",
        ],
        false_positives: &["# -----BEGIN DSA PRIVATE KEY----- blocks are rejected"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-089",
        title: "PKCS#8 private key (PEM)",
        severity: Critical,
        description: "An unencrypted PKCS#8 private key block (-----BEGIN PRIVATE KEY-----).",
        keywords: &["begin private key"],
        regex: concat!("-----BEGIN PRIVATE KEY-----", pem!()),
        validator: Some(pem_body),
        window: PEM_WINDOW,
        frameworks: FW_KEY,
        true_positives: &[
            "tls.key: |\n    -----BEGIN PRIVATE KEY-----\n    MIIEvQ«b64:58»\n    «b64:64»\n    -----END PRIVATE KEY-----",
            "key = \"-----BEGIN PRIVATE KEY-----\\nMIIEvQ«b64:58»\\n«b64:64»\\n-----END PRIVATE KEY-----\\n\"",
        ],
        false_positives: &[
            "-----BEGIN PRIVATE KEY-----\n<your key here>\n-----END PRIVATE KEY-----",
        ],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-090",
        title: "Encrypted PKCS#8 private key (PEM)",
        severity: Medium,
        description: "A password-protected PKCS#8 private key block; only as strong as its passphrase, which often sits next to it.",
        keywords: &["encrypted private key"],
        regex: concat!("-----BEGIN ENCRYPTED PRIVATE KEY-----", pem!()),
        validator: Some(pem_body),
        window: PEM_WINDOW,
        frameworks: FW_KEY,
        true_positives: &[
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHz«b64:58»\n«b64:64»\n-----END ENCRYPTED PRIVATE KEY-----",
        ],
        false_positives: &[
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\n-----END ENCRYPTED PRIVATE KEY-----",
        ],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-091",
        title: "OpenSSH private key",
        severity: Critical,
        description: "An OpenSSH-format private key block.",
        keywords: &["openssh private key"],
        regex: concat!("-----BEGIN OPENSSH PRIVATE KEY-----", pem!()),
        validator: Some(pem_body),
        window: PEM_WINDOW,
        frameworks: FW_KEY,
        true_positives: &[
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA«b64:46»\n«b64:70»\n-----END OPENSSH PRIVATE KEY-----",
        ],
        false_positives: &["grep -q 'BEGIN OPENSSH PRIVATE KEY' id_ed25519"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-092",
        title: "PGP private key block",
        severity: Critical,
        description: "An ASCII-armored PGP/GPG private key block.",
        keywords: &["pgp private key block"],
        regex: concat!("-----BEGIN PGP PRIVATE KEY BLOCK-----", pem!()),
        validator: Some(pem_body),
        window: PEM_WINDOW,
        frameworks: FW_KEY,
        true_positives: &[
            "-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\nlQOYBF«b64:58»\n«b64:64»\n=«b64:4»\n-----END PGP PRIVATE KEY BLOCK-----",
        ],
        false_positives: &[
            "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQENBF«b64:58»\n-----END PGP PUBLIC KEY BLOCK-----",
        ],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-093",
        title: "PuTTY private key",
        severity: Critical,
        description: "A PuTTY .ppk private key file.",
        keywords: &["putty-user-key-file"],
        regex: r"PuTTY-User-Key-File-[23]: [^\n]*\n(?:[^\n]*\n){0,40}?Private-Lines: [0-9]+\r?\n(?P<s>[A-Za-z0-9+/=]{40,}(?:\r?\n[A-Za-z0-9+/=]{4,})*)",
        window: PEM_WINDOW,
        frameworks: FW_KEY,
        true_positives: &[
            "PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nComment: deploy\nPublic-Lines: 1\nAAAAB3«b64:58»\nPrivate-Lines: 2\n«b64:64»\n«b64:40»\nPrivate-MAC: «hex:40»\n",
        ],
        false_positives: &["PuTTY-User-Key-File-2: ssh-rsa\nPublic-Lines: 1\nAAAAB3«b64:58»\n"],
        ..BASE
    },
    // ---------------------------------------------------------------- tokens, URLs
    SecretRule {
        id: "PAL-SECRET-094",
        title: "JSON Web Token",
        severity: Medium,
        description: "A signed JSON Web Token (header.payload.signature); often a long-lived session or service credential.",
        keywords: &["eyj"],
        regex: r"\b(?P<s>eyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{16,})(?:[^A-Za-z0-9_\-]|$)",
        validator: Some(jwt),
        true_positives: &[
            "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjaS1ib3QiLCJyb2xlIjoiYWRtaW4iLCJpYXQiOjE3MDAwMDAwMDB9.«url:43»",
        ],
        false_positives: &[
            "token: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
            "data: eyJoZWxsbyI6IndvcmxkIn0.eyJoZWxsbyI6IndvcmxkIn0.«url:43»",
        ],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-095",
        title: "PostgreSQL connection URL with password",
        severity: High,
        description: "A PostgreSQL connection URL that embeds a password.",
        keywords: &["postgres", "pgsql"],
        regex: db_url!("postgres(?:ql)?|pgsql"),
        freeform: true,
        validator: Some(freeform_url),
        true_positives: &[
            "DATABASE_URL=postgres://app:«b62:16»@db.internal:5432/app?sslmode=require",
        ],
        false_positives: &[
            "DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app",
            "url: postgresql://localhost/app",
            "DATABASE_URL=postgres://postgres:postgres@localhost:5432/test",
        ],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-096",
        title: "MySQL connection URL with password",
        severity: High,
        description: "A MySQL / MariaDB connection URL that embeds a password.",
        keywords: &["mysql", "mariadb"],
        regex: db_url!("mysql|mysqlx|mariadb"),
        freeform: true,
        validator: Some(freeform_url),
        true_positives: &["SQLALCHEMY_URL = \"mysql+pymysql://svc:«b62:16»@10.0.0.5/orders\""],
        false_positives: &["SQLALCHEMY_URL = \"mysql://svc:<password>@host/orders\""],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-097",
        title: "MongoDB connection URL with password",
        severity: High,
        description: "A MongoDB connection string (mongodb:// or mongodb+srv://) that embeds a password.",
        keywords: &["mongodb"],
        regex: db_url!("mongodb"),
        freeform: true,
        validator: Some(freeform_url),
        true_positives: &[
            "MONGO_URI=mongodb+srv://reporting:«b62:20»@cluster0.ab1cd.mongodb.net/prod?retryWrites=true",
        ],
        false_positives: &["MONGO_URI=mongodb+srv://cluster0.ab1cd.mongodb.net/prod"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-098",
        title: "Redis connection URL with password",
        severity: High,
        description: "A Redis connection URL (redis:// or rediss://) that embeds a password.",
        keywords: &["redis"],
        regex: db_url!("rediss?"),
        freeform: true,
        validator: Some(freeform_url),
        true_positives: &["REDIS_URL=rediss://:«b62:24»@cache.internal:6380/0"],
        false_positives: &["REDIS_URL=redis://cache:6379/0"],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-099",
        title: "AMQP connection URL with password",
        severity: High,
        description: "An AMQP (RabbitMQ) connection URL that embeds a password.",
        keywords: &["amqp"],
        regex: db_url!("amqps?"),
        freeform: true,
        validator: Some(freeform_url),
        true_positives: &["broker_url = \"amqps://worker:«b62:18»@mq.internal:5671/vhost\""],
        false_positives: &["broker_url = \"amqp://guest:guest@localhost:5672//\""],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-100",
        title: "Password in URL (basic auth)",
        severity: High,
        description: "A URL that embeds a user name and password (scheme://user:password@host).",
        keywords: &["://"],
        regex: r#"(?i)\b(?:https?|ftps?|sftp|ssh|git|svn|ldaps?|smtps?|imaps?)://[^:/?#\s"'@]+:(?P<s>[^@/?#\s"']+)@[A-Za-z0-9\[][A-Za-z0-9.\-\]:]*"#,
        freeform: true,
        validator: Some(freeform_url),
        true_positives: &["git clone https://deploy:«b62:20»@git.internal.corp/infra.git"],
        false_positives: &[
            "git clone https://git@github.com/org/repo.git",
            "url = \"https://${var.user}:${var.pass}@registry.internal\"",
            "see http://user:password@host for the syntax",
        ],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-101",
        title: "Credential in an HTTP Authorization header",
        severity: High,
        description: "A literal Bearer, Basic or token credential in an Authorization header.",
        keywords: &["authorization"],
        regex: concat!(
            r"(?i)authorization",
            assign!(),
            r"(?:bearer|basic|token)\s+(?P<s>[A-Za-z0-9._~+/\-]{16,}=*)"
        ),
        entropy: Some(3.5),
        freeform: true,
        validator: Some(freeform_token),
        true_positives: &["curl -H \"Authorization: Bearer «b62:40»\" https://api.internal/v1"],
        false_positives: &[
            "curl -H \"Authorization: Bearer $TOKEN\" https://api.internal/v1",
            "Authorization: Bearer <access-token>",
        ],
        ..BASE
    },
    // ---------------------------------------------------------------- generic
    SecretRule {
        id: "PAL-SECRET-102",
        title: "Secret value in a Kubernetes env var",
        severity: High,
        description: "A container env var whose name says password/secret/token/key with a literal `value:` instead of `valueFrom.secretKeyRef`.",
        keywords: &[
            "password",
            "passwd",
            "secret",
            "token",
            "api_key",
            "apikey",
            "access_key",
        ],
        regex: r#"(?i)name:[ \t]*["']?[A-Za-z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY)["']?[ \t]*\r?\n[ \t]*value:[ \t]*["']?(?P<s>[^\s"'#]{8,200})"#,
        entropy: Some(3.0),
        window: 320,
        freeform: true,
        validator: Some(freeform_secret),
        true_positives: &[
            "        env:\n        - name: STRIPE_API_KEY\n          value: \"«b62:32»\"\n",
        ],
        false_positives: &[
            "        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: db\n              key: password\n",
        ],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-103",
        title: "Hard-coded password",
        severity: High,
        description: "A literal value assigned to a password-like name (password, passwd, passphrase, pwd) in YAML, HCL, JSON, .env, .properties or code.",
        keywords: &["password", "passwd", "passphrase", "pwd"],
        regex: concat!(
            r"(?i)(?:password|passwd|passphrase|pwd)",
            assign!(),
            value!()
        ),
        entropy: Some(2.5),
        freeform: true,
        validator: Some(freeform_secret),
        true_positives: &[
            "  master_password = \"Sup3rS3cret!\"",
            "DB_PASSWORD=«b62:16»",
            "{\"password\": \"«b62:14»\"}",
            "spring.datasource.password=P@ssw0rd2024",
        ],
        false_positives: &[
            "  master_password = var.db_password",
            "  password = \"${var.db_password}\"",
            "password: \"{{ .Values.db.password }}\"",
            "password: changeme",
            "password = random_password.db.result",
            "DB_PASSWORD=<your-password>",
            "password = get_password_from_vault()",
            "password_length = 16",
            "PASSWORD=REDACTED",
            "password: \"********\"",
        ],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-104",
        title: "Hard-coded secret",
        severity: High,
        description: "A high-entropy literal assigned to a secret-like name (secret, client_secret, secret_key).",
        keywords: &["secret"],
        regex: concat!(r"(?i)secret(?:[_\-.]?key)?", assign!(), token_value!()),
        entropy: Some(3.5),
        freeform: true,
        validator: Some(freeform_token),
        true_positives: &["client_secret: «b62:32»", "  secret_key = \"«b64:40»\""],
        false_positives: &[
            "client_secret: ${CLIENT_SECRET}",
            "secret: my-app-secret-name",
            "secret_key = aws_iam_access_key.ci.secret",
            "secretName: tls-cert",
        ],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-105",
        title: "Hard-coded token",
        severity: High,
        description: "A high-entropy literal assigned to a token-like name (token, auth_token, access_token, api_token).",
        keywords: &["token"],
        regex: concat!(r"(?i)token", assign!(), token_value!()),
        entropy: Some(3.5),
        freeform: true,
        validator: Some(freeform_token),
        true_positives: &["auth_token = \"«b62:32»\"", "ACCESS_TOKEN: «url:40»"],
        false_positives: &[
            "token: ${{ secrets.GITHUB_TOKEN }}",
            "token = var.token",
            "tokenUrl: https://login.example.com/oauth2/token",
            "token: xxxxxxxxxxxxxxxxxxxx",
        ],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-106",
        title: "Hard-coded API key",
        severity: High,
        description: "A high-entropy literal assigned to an API-key name (api_key, apikey, api-key).",
        keywords: &["api_key", "apikey", "api-key", "api.key"],
        regex: concat!(r"(?i)api[_\-.]?key", assign!(), token_value!()),
        entropy: Some(3.5),
        freeform: true,
        validator: Some(freeform_token),
        true_positives: &["\"apiKey\": \"«b62:32»\"", "API_KEY=«hex:40»"],
        false_positives: &[
            "api_key: \"<API_KEY>\"",
            "apiKey: process.env.API_KEY",
            "api_key = \"EXAMPLE_KEY_123456\"",
        ],
        ..BASE
    },
    SecretRule {
        id: "PAL-SECRET-107",
        title: "Hard-coded access, auth or private key",
        severity: High,
        description: "A high-entropy literal assigned to a key-like name (access_key, auth_key, private_key, encryption_key, signing_key, master_key).",
        keywords: &[
            "access_key",
            "accesskey",
            "access-key",
            "auth_key",
            "authkey",
            "private_key",
            "privatekey",
            "encryption_key",
            "signing_key",
            "master_key",
        ],
        regex: concat!(
            r"(?i)(?:access|auth|private|encryption|signing|master)[_\-.]?key",
            assign!(),
            token_value!()
        ),
        entropy: Some(3.5),
        freeform: true,
        validator: Some(freeform_token),
        true_positives: &["  encryption_key: \"«b64:44»\""],
        false_positives: &[
            "  private_key = file(\"~/.ssh/id_rsa\")",
            "  access_key = aws_iam_access_key.ci.id",
            "private_key_path: /etc/ssl/private/server.key",
        ],
        ..BASE
    },
];

/// Every built-in secret rule, in priority order.
pub fn rules() -> &'static [SecretRule] {
    RULES
}
