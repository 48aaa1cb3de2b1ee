# METADATA
# title: Container images are pinned, not latest
# custom:
#   id: BENCH-016
#   severity: medium
#   category: kubernetes
package bench.k8s_image_tag

import rego.v1

deny contains msg if {
	input.type in {"Deployment", "StatefulSet", "DaemonSet", "Job"}
	some c in input.attributes.spec.template.spec.containers
	unpinned(c.image)
	msg := sprintf("%s: image %s is not pinned", [input.address, c.image])
}

unpinned(img) if endswith(img, ":latest")
unpinned(img) if not contains(img, ":")
