# METADATA
# title: Containers are not privileged
# custom:
#   id: BENCH-015
#   severity: critical
#   category: kubernetes
package bench.k8s_privileged

import rego.v1

workloads := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "Pod"}

containers contains c if {
	input.type in workloads
	some c in input.attributes.spec.template.spec.containers
}

containers contains c if {
	input.type == "Pod"
	some c in input.attributes.spec.containers
}

deny contains res if {
	some c in containers
	c.securityContext.privileged == true
	res := {"msg": sprintf("%s: container %s is privileged", [input.address, c.name]), "attribute": "spec"}
}
