package main

deny contains msg if {
  input.kind ==
}
