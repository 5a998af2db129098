package bundle

import (
	"reflect"
	"strings"
	"testing"

	"github.com/mesh-lang/mesh/lang/compile/op"
)

func sampleProgram() *Program {
	return &Program{
		Files:  []string{"main.mpl"},
		Consts: []Const{{Kind: ConstString, Str: "héllo"}, {Kind: ConstFloat, Flt: 3.25}, {Kind: ConstInt, Int: -1 << 40}, {Kind: ConstAtom, Str: "ok"}},
		Funcs: []*Function{
			{Name: "Main.main", NumLocals: 1, Code: []op.Instr{
				{Op: op.CONST, A: 0}, {Op: op.CALL_NATIVE, A: 0, B: 1}, {Op: op.POP},
				{Op: op.INT, A: -5}, {Op: op.CALL, A: 1, B: 1}, {Op: op.RETURN},
			}, Lines: []LineEntry{{PC: 0, File: 0, Line: 2, Col: 3}, {PC: 3, File: 0, Line: 3, Col: 3}}},
			{Name: "Main.f", NumParams: 1, NumLocals: 1, Code: []op.Instr{
				{Op: op.LOAD, A: 0}, {Op: op.MAKE_VARIANT, A: 0, B: 0}, {Op: op.RETURN},
			}},
		},
		Types: []*TypeDesc{
			{Name: "Option", Kind: SumType, Derives: DeriveEq | DeriveDisplay, Variants: []Variant{{Name: "Some", Fields: []string{""}}, {Name: "None"}}},
			{Name: "Point", Module: "Main", Kind: StructType, Derives: DeriveDebug, Fields: []string{"x", "y"}, FieldTypes: []string{"Int", "Option<#0>"}},
		},
		Natives: []string{"println"},
		Methods: []Method{{Type: "Main.Point", Method: "to_string", Func: 1}},
		Work:    []Work{{RuntimeName: "Work.add", Replicas: 2, Func: 1}},
		Routes:  []Work{{RuntimeName: "Api.handle", Replicas: 3, Func: 1}},
		Entry:   0,
	}
}

func TestRoundTrip(t *testing.T) {
	p := sampleProgram()
	b, err := Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	q, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p, q) {
		t.Fatalf("round trip differs:\n%#v\n%#v", p, q)
	}
	if f, l, c := q.Position(q.Funcs[0], 4); f != "main.mpl" || l != 3 || c != 3 {
		t.Errorf("Position = %s:%d:%d", f, l, c)
	}
}

func TestDecodeErrors(t *testing.T) {
	b, _ := Encode(sampleProgram())
	if _, err := Decode(b[:len(b)-3]); err == nil {
		t.Error("truncated program decoded")
	}
	if _, err := Decode([]byte("nope")); err == nil || !strings.Contains(err.Error(), "magic") {
		t.Errorf("bad magic: %v", err)
	}
	v := append([]byte{}, b...)
	v[len(programMagic)] = 99
	if _, err := Decode(v); err == nil || !strings.Contains(err.Error(), "version 99") {
		t.Errorf("bad version: %v", err)
	}
	// A call with a wrong argument count is rejected by validation.
	p := sampleProgram()
	p.Funcs[0].Code[4].B = 2
	b2, _ := Encode(p)
	if _, err := Decode(b2); err == nil || !strings.Contains(err.Error(), "arguments") {
		t.Errorf("bad call: %v", err)
	}
	p = sampleProgram()
	p.Funcs[1].Code = p.Funcs[1].Code[:2]
	b3, _ := Encode(p)
	if _, err := Decode(b3); err == nil || !strings.Contains(err.Error(), "falls off") {
		t.Errorf("falling off: %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	b, _ := Encode(sampleProgram())
	f.Add(b)
	f.Add([]byte(programMagic))
	f.Add(b[:len(b)/2])
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Decode(data)
		if err == nil {
			// Whatever decodes must re-encode to the same bytes.
			again, err := Encode(p)
			if err != nil {
				t.Fatalf("re-encode: %v", err)
			}
			if _, err := Decode(again); err != nil {
				t.Fatalf("re-decode: %v", err)
			}
		}
	})
}
