# METADATA
# title: Security groups do not open admin ports to the world
# custom:
#   id: BENCH-005
#   severity: high
#   category: network
package bench.sg_ingress_admin

import rego.v1

admin_ports := {22, 3389}

open_cidr(c) if c in {"0.0.0.0/0", "::/0"}

deny contains res if {
	input.type == "aws_security_group"
	some rule in input.attributes.ingress
	some port in admin_ports
	rule.from_port <= port
	rule.to_port >= port
	some c in rule.cidr_blocks
	open_cidr(c)
	res := {"msg": sprintf("%s opens port %d to %s", [input.address, port, c]), "attribute": "ingress"}
}
