# METADATA
# title: Workloads do not run in the default namespace
# custom:
#   id: BENCH-020
#   severity: low
#   category: kubernetes
package bench.k8s_namespace

import rego.v1

deny contains msg if {
	input.type in {"Deployment", "StatefulSet", "DaemonSet", "Service", "Pod"}
	ns := object.get(input.attributes.metadata, "namespace", "default")
	ns == "default"
	msg := sprintf("%s runs in the default namespace", [input.address])
}
