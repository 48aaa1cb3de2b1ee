package main

# Rego v0 syntax, as most Conftest policies in the wild.

deny[msg] {
  input.kind == "Deployment"
  c := input.spec.template.spec.containers[_]
  c.securityContext.privileged
  msg := sprintf("container `%s` of Deployment `%s` runs privileged", [c.name, input.metadata.name])
}

warn[msg] {
  input.kind == "Deployment"
  not input.spec.template.spec.securityContext.runAsNonRoot
  msg := sprintf("Deployment `%s` does not set runAsNonRoot", [input.metadata.name])
}

violation[{"msg": msg, "details": {"severity": "high"}}] {
  input.kind == "Service"
  input.spec.type == "LoadBalancer"
  not data.exempt_services[input.metadata.name]
  msg := sprintf("Service `%s` is exposed through a load balancer", [input.metadata.name])
}

deny_latest[msg] {
  input.kind == "Deployment"
  c := input.spec.template.spec.containers[_]
  endswith(c.image, ":latest")
  msg := sprintf("container `%s` uses a latest tag", [c.name])
}

exception[rules] {
  input.metadata.name == "legacy"
  rules := ["latest"]
}
