package clvfit

import (
	"strconv"
	"strings"
)

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func sqlInt(v int64) string { return strconv.FormatInt(v, 10) }
