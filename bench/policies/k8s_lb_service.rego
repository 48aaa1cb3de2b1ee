# METADATA
# title: Services are not exposed through load balancers without approval
# custom:
#   id: BENCH-019
#   severity: medium
#   category: network
package bench.k8s_lb_service

import rego.v1

warn contains msg if {
	input.type == "Service"
	input.attributes.spec.type == "LoadBalancer"
	not input.attributes.metadata.annotations["acme.io/approved-exposure"]
	msg := sprintf("%s is a LoadBalancer without approval", [input.address])
}
