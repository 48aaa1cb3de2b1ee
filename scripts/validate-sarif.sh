#!/usr/bin/env bash
# Validates SARIF files with Microsoft's SARIF multitool, with both the SARIF
# spec rules and GitHub code scanning's ingestion rules:
#
#   scripts/validate-sarif.sh FILE.sarif...
#
# The multitool comes from npm (@microsoft/sarif-multitool, whose
# @microsoft/sarif-multitool-linux dependency ships a self-contained .NET
# binary: no dotnet install needed). It is installed on demand into
# tools/sarif (gitignored). The policy in scripts/validate-sarif.config.xml
# makes GitHub's rules errors and turns off the rule that fetches URIs. Exits non-zero if any file has an error or a
# warning-level finding, or on any tool failure.
set -euo pipefail

MULTITOOL_VERSION="${SARIF_MULTITOOL_VERSION:-5.7.0}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="$root/tools/sarif"

if [ "$#" -eq 0 ]; then
    echo "usage: $0 FILE.sarif..." >&2
    exit 2
fi

case "$(uname -s)-$(uname -m)" in
    Linux-*) platform=linux ;;
    Darwin-*) platform=darwin ;;
    *) echo "validate-sarif: unsupported platform $(uname -s)" >&2; exit 2 ;;
esac
bin="$prefix/node_modules/@microsoft/sarif-multitool-$platform/Sarif.Multitool"

if [ ! -f "$bin" ]; then
    echo "validate-sarif: installing @microsoft/sarif-multitool@$MULTITOOL_VERSION into $prefix" >&2
    mkdir -p "$prefix"
    npm install --silent --no-audit --no-fund --prefix "$prefix" \
        "@microsoft/sarif-multitool@$MULTITOOL_VERSION" >&2
fi
# The package's postinstall (chmod u+x) may not run when npm skips scripts.
chmod u+x "$bin"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

status=0
for file in "$@"; do
    if [ ! -f "$file" ]; then
        echo "validate-sarif: $file: no such file" >&2
        status=1
        continue
    fi
    out="$work/$(basename "$file").validation.sarif"
    # The multitool exits non-zero when it finds errors; read its log instead.
    if ! DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 \
        "$bin" validate --rule-kind "Gh;Sarif" --level "Error;Warning;Note" \
        --config "$root/scripts/validate-sarif.config.xml" \
        --log ForceOverwrite --output "$out" "$file" >"$work/stdout" 2>&1; then
        if [ ! -s "$out" ]; then
            cat "$work/stdout" >&2
            echo "validate-sarif: $file: the multitool failed" >&2
            status=1
            continue
        fi
    fi
    # Count the validator's results by level; print each.
    if ! node - "$out" "$file" <<'JS'
const fs = require("fs");
const [out, file] = process.argv.slice(2);
const log = JSON.parse(fs.readFileSync(out, "utf8"));
const run = log.runs[0];
const rules = (run.tool.driver.rules || []);
let bad = 0, notes = 0;
for (const r of run.results || []) {
  const level = r.level || "warning";
  const rule = r.ruleId || (rules[r.ruleIndex] || {}).id;
  let text = (r.message && r.message.text) || "";
  if (!text && r.message && r.message.id) {
    const rd = rules.find((x) => x.id === rule) || {};
    const fmt = ((rd.messageStrings || {})[r.message.id] || {}).text || r.message.id;
    const args = r.message.arguments || [];
    text = fmt.replace(/\{(\d+)\}/g, (_, i) => args[+i] ?? "");
  }
  console.log(`${file}: ${level}: ${rule}: ${text}`);
  if (level === "error" || level === "warning") bad++; else notes++;
}
const failed = (run.invocations || []).some((i) => i.executionSuccessful === false);
if (failed) { console.log(`${file}: the validator's run did not succeed`); bad++; }
console.log(`${file}: ${bad} error(s)/warning(s), ${notes} note(s)`);
process.exit(bad ? 1 : 0);
JS
    then
        status=1
    fi
done
exit "$status"
