// Command resonanz turns survey exports into a dataset, answers and reports.
package main

import "os"

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
