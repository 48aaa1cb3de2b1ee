# METADATA
# title: Containers set CPU and memory limits
# custom:
#   id: BENCH-017
#   severity: low
#   category: kubernetes
package bench.k8s_limits

import rego.v1

deny contains msg if {
	input.type in {"Deployment", "StatefulSet", "DaemonSet"}
	some c in input.attributes.spec.template.spec.containers
	some r in ["cpu", "memory"]
	not c.resources.limits[r]
	msg := sprintf("%s: container %s has no %s limit", [input.address, c.name, r])
}
