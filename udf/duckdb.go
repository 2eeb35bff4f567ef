package udf

import (
	"database/sql/driver"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"
)

// executorKind picks how DuckDB hands rows to Go. duckdb-go's row executor
// boxes every value (its chunk executor too, in this driver version); the
// vectorized one (vector.go) reads DuckDB's vectors in place and is what
// Register uses. BenchmarkExecutors compares them.
type executorKind int

const (
	vectorExecutor executorKind = iota
	rowExecutor
)

func (e executorKind) String() string {
	return [...]string{"vector", "row"}[e]
}

// scalarUDF is one overload of a custval function.
type scalarUDF struct {
	config   duckdb.ScalarFuncConfig
	executor duckdb.ScalarFuncExecutor
}

func (s *scalarUDF) Config() duckdb.ScalarFuncConfig     { return s.config }
func (s *scalarUDF) Executor() duckdb.ScalarFuncExecutor { return s.executor }

// scalarFuncs builds the row-executor overloads, one per arity (Func.arities).
func scalarFuncs(f Func) ([]duckdb.ScalarFunc, error) {
	infos := make([]duckdb.TypeInfo, len(f.Params))
	for i, p := range f.Params {
		info, err := typeInfo(p.Type)
		if err != nil {
			return nil, fmt.Errorf("parameter %s: %w", p.Name, err)
		}
		infos[i] = info
	}
	var result duckdb.TypeInfo
	var err error
	if f.Result == "ENUM" {
		result, err = duckdb.NewEnumInfo(f.Values[0], f.Values[1:]...)
	} else {
		result, err = typeInfo(f.Result)
	}
	if err != nil {
		return nil, fmt.Errorf("result: %w", err)
	}
	var out []duckdb.ScalarFunc
	for _, n := range f.arities() {
		out = append(out, &scalarUDF{
			config: duckdb.ScalarFuncConfig{
				InputTypeInfos: infos[:n],
				ResultTypeInfo: result,
				// Every score documents its own NULL handling (e.g. NULL list -> 'unknown');
				// the CLV functions keep DuckDB's (NULL in, NULL out).
				SpecialNullHandling: !f.nullInNullOut,
			},
			executor: executor(f),
		})
	}
	return out, nil
}

func executor(f Func) duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(values []driver.Value) (any, error) {
		v, err := f.Eval(values)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		return v, nil
	}}
}

// typeInfo maps the printed types used in Param.Type to DuckDB type infos.
func typeInfo(name string) (duckdb.TypeInfo, error) {
	switch name {
	case "DOUBLE":
		return duckdb.NewTypeInfo(duckdb.TYPE_DOUBLE)
	case "BIGINT":
		return duckdb.NewTypeInfo(duckdb.TYPE_BIGINT)
	case "BOOLEAN":
		return duckdb.NewTypeInfo(duckdb.TYPE_BOOLEAN)
	case "TIMESTAMP":
		return duckdb.NewTypeInfo(duckdb.TYPE_TIMESTAMP)
	case "VARCHAR":
		return duckdb.NewTypeInfo(duckdb.TYPE_VARCHAR)
	case "INTERVAL":
		return duckdb.NewTypeInfo(duckdb.TYPE_INTERVAL)
	case "VARCHAR[]", "TIMESTAMP[]":
		child, err := typeInfo(name[:len(name)-2])
		if err != nil {
			return nil, err
		}
		return duckdb.NewListInfo(child)
	case "MAP(VARCHAR, DOUBLE)":
		k, err := typeInfo("VARCHAR")
		if err != nil {
			return nil, err
		}
		v, err := typeInfo("DOUBLE")
		if err != nil {
			return nil, err
		}
		return duckdb.NewMapInfo(k, v)
	}
	return nil, fmt.Errorf("unsupported type %s", name)
}
