package main

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/pipeline"
	"github.com/resonanz/resonanz/pipeline/store"
)

// TestReadmeExitCodes keeps the README's exit-code table the one in
// exit.go: the same codes, in order, with the same meanings.
func TestReadmeExitCodes(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := regexp.MustCompile(`(?m)^\| (\d+) \| (.+) \|$`).FindAllStringSubmatch(string(b), -1)
	if len(rows) != len(exitCodes) {
		t.Fatalf("README lists %d exit codes, exit.go %d", len(rows), len(exitCodes))
	}
	for i, r := range rows {
		code, _ := strconv.Atoi(r[1])
		if code != exitCodes[i].Code || r[2] != exitCodes[i].Meaning {
			t.Errorf("README row %d: %d %q; exit.go: %d %q", i, code, r[2], exitCodes[i].Code, exitCodes[i].Meaning)
		}
	}
}

// TestExitCodeNoKey: a library import refused for want of a key (the CLI
// always has one) is an input problem, as another key is.
func TestExitCodeNoKey(t *testing.T) {
	for _, err := range []error{pipeline.ErrNoKey, store.ErrKeyChanged} {
		var msg bytes.Buffer
		if got := exitCode(ranError{fmt.Errorf("import: %w", err)}, &msg); got != exitInput {
			t.Errorf("%v: exit %d, want %d", err, got, exitInput)
		}
		if !strings.Contains(msg.String(), err.Error()) {
			t.Errorf("%v: printed %q", err, msg.String())
		}
	}
}
