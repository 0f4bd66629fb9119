// Package archtest holds tests of the repository's shape: rules of
// docs/architecture.md that a reviewer would otherwise have to remember.
// It has no code; `go test ./internal/archtest` reads the tree.
package archtest
