package main

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/exhibits/exhibits/internal/repotest"
)

var updateScripts = flag.Bool("update", false, "rewrite the expected files of failing cmp commands in testdata/script")

// TestMain makes the test binary double as the exhibits command, so that
// scripts run `exec exhibits ...` against the real main.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"exhibits": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs every testdata/script/*.txtar. Besides testscript's
// own commands and conditions, scripts have:
//
//	exitcode N PROG ARGS...  run PROG (e.g. exhibits) and require exit status N;
//	                         its stdout and stderr can be checked after
//	[corpus]                 the real letters of ../shared/corpus are there;
//	                         $CORPUS is their folder
//	[root]                   the test runs as root
func TestScripts(t *testing.T) {
	corpus := repotest.Corpus(t)
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *updateScripts,
		Setup: func(env *testscript.Env) error {
			env.Setenv("CORPUS", corpus)
			env.Setenv("EDGAR", startFakeEDGAR(env)) // fetch_test.go: a fake EDGAR per script
			return nil
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "corpus":
				return corpus != "", nil
			case "root":
				return os.Geteuid() == 0, nil
			}
			return false, errors.New("unknown condition " + cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode": cmdExitCode,
		},
	})
}

func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N PROG [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: bad status %q", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exitcode: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}
