// Command custval-bench times custval's stages against their DuckDB floor at
// several scale points and writes docs/benchmarks.md. Run it with `make bench`.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/custval/custval/internal/bench"
)

func main() {
	out := flag.String("out", "docs/benchmarks.md", "markdown file to write")
	scales := flag.String("scales", "10000,1000000", "customers per scale point, comma-separated")
	big := flag.Bool("big", false, "add the 10M-customer scale point (needs ~40 GB of disk and a long time)")
	runs := flag.Int("runs", 3, "timed runs per stage; the median is reported")
	dir := flag.String("dir", "", "scratch directory (default: a new temp dir)")
	extension := flag.String("extension", "", "the custval.duckdb_extension file (make extension); with -node, adds the extension stages")
	nodeDir := flag.String("node", "", "the folder @duckdb/node-api is installed in (make node-client)")
	flag.Parse()

	if err := run(*out, *scales, *big, *runs, *dir, *extension, *nodeDir); err != nil {
		fmt.Fprintln(os.Stderr, "custval-bench:", err)
		os.Exit(1)
	}
}

func run(out, scaleList string, big bool, runs int, dir, extension, nodeDir string) error {
	var scales []int
	for _, s := range strings.Split(scaleList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return fmt.Errorf("-scales: %q is not a customer count", s)
		}
		scales = append(scales, n)
	}
	if big {
		scales = append(scales, 10_000_000)
	}
	if dir == "" {
		d, err := os.MkdirTemp("", "custval-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	}
	ctx := context.Background()
	command := "make bench"
	if len(os.Args) > 1 {
		command = "go run ./cmd/custval-bench " + strings.Join(os.Args[1:], " ")
	}
	udfs, err := bench.UDFCases(10) // 10 rows per customer: 10M rows at the 1M-customer scale
	if err != nil {
		return err
	}
	stages := append([]bench.Stage{bench.LoadOrders(), bench.ScoreRFM()}, bench.RFMParts()...)
	stages = append(stages, bench.FitCLV(), bench.CLVV1(), bench.CLVV2())
	stages = append(stages, udfs...)
	if (extension == "") != (nodeDir == "") {
		return fmt.Errorf("-extension and -node go together")
	}
	if extension != "" {
		for _, p := range []string{extension, nodeDir} {
			if _, err := os.Stat(p); err != nil {
				return fmt.Errorf("extension stages: %w (make extension node-client builds them)", err)
			}
		}
		abs, err := filepath.Abs(extension)
		if err != nil {
			return err
		}
		exts, err := bench.ExtensionCases(10, abs, nodeDir)
		if err != nil {
			return err
		}
		stages = append(stages, exts...)
	}
	started := time.Now()
	rows, err := bench.Run(ctx, bench.Options{Scales: scales, Runs: runs, Dir: dir, Log: os.Stderr, Stages: stages}, bench.Generate)
	if err != nil {
		return err
	}
	// The hand-written reading of an earlier run stays; its heading carries its date.
	var kept string
	if previous, err := os.ReadFile(out); err == nil {
		kept = bench.KeptNotes(string(previous))
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := bench.WriteMarkdown(f, bench.Machine(ctx), command, started, runs, rows, kept); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %s\n", out)
	return nil
}
