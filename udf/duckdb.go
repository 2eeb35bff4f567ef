package udf

import (
	"context"
	"database/sql/driver"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"
)

// executorKind picks how DuckDB hands rows to Go. Both box every value in this
// driver version; BenchmarkExecutors measures which is faster.
type executorKind int

const (
	rowExecutor executorKind = iota
	chunkExecutor
)

// scalarUDF is one overload of a custval function.
type scalarUDF struct {
	config   duckdb.ScalarFuncConfig
	executor duckdb.ScalarFuncExecutor
}

func (s *scalarUDF) Config() duckdb.ScalarFuncConfig     { return s.config }
func (s *scalarUDF) Executor() duckdb.ScalarFuncExecutor { return s.executor }

// scalarFuncs builds one overload per allowed arity: every required parameter,
// then each optional one in turn.
func scalarFuncs(f Func, exec executorKind) ([]duckdb.ScalarFunc, error) {
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
	for n := range len(f.Params) + 1 {
		if n < len(f.Params) && !f.Params[n].Optional {
			continue
		}
		out = append(out, &scalarUDF{
			config: duckdb.ScalarFuncConfig{
				InputTypeInfos: infos[:n],
				ResultTypeInfo: result,
				// Every function documents its own NULL handling (e.g. NULL list -> 'unknown').
				SpecialNullHandling: true,
			},
			executor: executor(f, exec),
		})
	}
	return out, nil
}

func executor(f Func, exec executorKind) duckdb.ScalarFuncExecutor {
	eval := func(args []driver.Value) (any, error) {
		v, err := f.Eval(args)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		return v, nil
	}
	if exec == chunkExecutor {
		return duckdb.ScalarFuncExecutor{ChunkContextExecutor: func(_ context.Context, chunk *duckdb.ChunkIteratorState) error {
			args := make([]driver.Value, chunk.ColumnCount())
			for row, err := range chunk.Rows() {
				if err != nil {
					return err
				}
				for i := range args {
					args[i] = *row.GetValuePtr(i)
				}
				v, err := eval(args)
				if err != nil {
					return err
				}
				if err := row.SetResult(v); err != nil {
					return err
				}
			}
			return nil
		}}
	}
	return duckdb.ScalarFuncExecutor{RowExecutor: func(values []driver.Value) (any, error) {
		return eval(values)
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
