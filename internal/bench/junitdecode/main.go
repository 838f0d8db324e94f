// Command junitdecode is the baseline of "make bench-cli": it decodes a
// JUnit XML file with encoding/xml into three plain structs (suites, suite,
// case) and prints the number of testcases. "wincspec report" on the same
// file does that and everything else a report needs, so the ratio of the
// two is the cost of wincspec's own work and start-up.
package main

import (
	"encoding/xml"
	"fmt"
	"os"
)

type testsuites struct {
	Suites []testsuite `xml:"testsuite"`
}

type testsuite struct {
	Name  string     `xml:"name,attr"`
	Cases []testcase `xml:"testcase"`
}

type testcase struct {
	Name    string    `xml:"name,attr"`
	Status  string    `xml:"status,attr"`
	Failure *struct{} `xml:"failure"`
	Skipped *struct{} `xml:"skipped"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: junitdecode FILE")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	var s testsuites
	if err := xml.NewDecoder(f).Decode(&s); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	n := 0
	for _, su := range s.Suites {
		n += len(su.Cases)
	}
	fmt.Println(n)
}
