package disclosure_test

import (
	"fmt"

	"github.com/resonanz/resonanz/pipeline/disclosure"
)

func ExamplePseudonym() {
	fmt.Println(disclosure.Pseudonym([]byte("key"), "mdk16", "1"))
	// Output: e205d5401dd6c45e
}

func ExampleScrubPII() {
	fmt.Println(disclosure.ScrubPII("Tel. (0341) 123 45 67, a@b.de, 04109 Leipzig"))
	// Output: Tel. [Telefon], [E-Mail], 04109 Leipzig 2
}
