// Package site builds the static site from content/ with Hugo, in-process.
package site

import (
	"github.com/gohugoio/hugo/commands"
)

// runHugo runs Hugo's command line in this process.
func runHugo(args []string) error {
	return commands.Execute(args)
}
