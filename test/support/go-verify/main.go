// go-verify: Go's crypto/x509 verdict for the differential test (test/pki/validate/differential-go.node.test.ts).
// Usage: go run main.go -roots R.pem -inters I.pem -leaf L.pem -at UNIX [-purpose serverAuth|clientAuth] [-dns NAME]
// Prints "OK" or "ERR <message>"; exit status 0 either way (2 for usage and I/O problems).
package main

import (
	"crypto/x509"
	"encoding/pem"
	"flag"
	"fmt"
	"os"
	"time"
)

func readPool(path string) ([]*x509.Certificate, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []*x509.Certificate
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			return out, nil
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
}

func main() {
	roots := flag.String("roots", "", "")
	inters := flag.String("inters", "", "")
	leaf := flag.String("leaf", "", "")
	at := flag.Int64("at", 0, "")
	purpose := flag.String("purpose", "", "")
	dns := flag.String("dns", "", "")
	flag.Parse()
	rootCerts, err := readPool(*roots)
	if err != nil {
		fmt.Println("ERR parse roots:", err)
		return
	}
	interCerts, err := readPool(*inters)
	if err != nil {
		fmt.Println("ERR parse intermediates:", err)
		return
	}
	leafCerts, err := readPool(*leaf)
	if err != nil || len(leafCerts) != 1 {
		fmt.Println("ERR parse leaf:", err)
		return
	}
	opts := x509.VerifyOptions{Roots: x509.NewCertPool(), Intermediates: x509.NewCertPool(), CurrentTime: time.Unix(*at, 0), DNSName: *dns}
	for _, c := range rootCerts {
		opts.Roots.AddCert(c)
	}
	for _, c := range interCerts {
		opts.Intermediates.AddCert(c)
	}
	switch *purpose {
	case "serverAuth":
		opts.KeyUsages = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
	case "clientAuth":
		opts.KeyUsages = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
	default:
		opts.KeyUsages = []x509.ExtKeyUsage{x509.ExtKeyUsageAny}
	}
	if _, err := leafCerts[0].Verify(opts); err != nil {
		fmt.Println("ERR", err)
		return
	}
	fmt.Println("OK")
}
