package main

import rego.v1

deny contains "always" if input.always
