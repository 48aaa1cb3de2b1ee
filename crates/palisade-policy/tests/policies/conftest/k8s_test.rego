package main

test_privileged_denied {
  deny["container `app` of Deployment `web` runs privileged"] with input as {"kind": "Deployment", "metadata": {"name": "web"}, "spec": {"template": {"spec": {"containers": [{"name": "app", "image": "x:1", "securityContext": {"privileged": true}}]}}}}
}

test_unprivileged_allowed {
  count(deny) == 0 with input as {"kind": "Deployment", "metadata": {"name": "web"}, "spec": {"template": {"spec": {"containers": [{"name": "app", "image": "x:1"}]}}}}
}

test_this_one_fails {
  count(deny) == 5 with input as {"kind": "Deployment", "metadata": {"name": "web"}, "spec": {"template": {"spec": {"containers": []}}}}
}
