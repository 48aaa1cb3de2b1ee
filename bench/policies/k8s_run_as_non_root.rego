# METADATA
# title: Containers run as non-root
# custom:
#   id: BENCH-018
#   severity: medium
#   category: kubernetes
package bench.k8s_run_as_non_root

import rego.v1

deny contains msg if {
	input.type in {"Deployment", "StatefulSet", "DaemonSet"}
	some c in input.attributes.spec.template.spec.containers
	not c.securityContext.runAsNonRoot == true
	not input.attributes.spec.template.spec.securityContext.runAsNonRoot == true
	msg := sprintf("%s: container %s may run as root", [input.address, c.name])
}
