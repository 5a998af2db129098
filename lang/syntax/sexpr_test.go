package syntax

import (
	"fmt"
	"strconv"
	"strings"
)

// sexpr renders a node compactly for table-driven tests, e.g.
// `(+ a (* b c))`. It covers every node type, so tests can assert tree
// shapes without depending on positions.
func sexpr(n Node) string {
	var b strings.Builder
	writeS(&b, n)
	return b.String()
}

func writeS(b *strings.Builder, n Node) {
	if isNil(n) {
		b.WriteString("nil")
		return
	}
	w := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	list := func(head string, items ...Node) {
		b.WriteString("(" + head)
		for _, it := range items {
			b.WriteByte(' ')
			writeS(b, it)
		}
		b.WriteByte(')')
	}
	switch n := n.(type) {
	case *File:
		list("file", stmts(n.Items)...)
	case *Block:
		list("block", stmts(n.Stmts)...)
	case *ExprStmt:
		writeS(b, n.X)
	case *LetStmt:
		list("let", n.Pattern, n.Type, n.Value)
	case *ReturnStmt:
		list("return", n.Value)
	case *AssertReceiveStmt:
		list("assert_receive", n.Pattern, n.Timeout)
	case *BadStmt:
		b.WriteString("BAD")
	case *Ident:
		b.WriteString(n.Name)
	case *ModPath:
		b.WriteString(n.String())
	case *ClusterAttr:
		list("@cluster", n.Count)
	case *Param:
		switch {
		case n.Self:
			list("self", n.Type)
		case n.Name != nil:
			if n.Type != nil {
				list("::", n.Name, n.Type)
			} else {
				writeS(b, n.Name)
			}
		default:
			writeS(b, n.Pattern)
		}
	case *Bound:
		list(":", n.Param, n.Trait)
	case *FnDecl:
		head := "fn"
		if n.Pub {
			head = "pub fn"
		}
		items := []Node{n.Cluster, n.Name}
		items = append(items, nodes(n.TypeParams)...)
		b.WriteString("(" + head)
		for _, it := range items {
			if !isNil(it) {
				b.WriteByte(' ')
				writeS(b, it)
			}
		}
		if n.Parens {
			list(" params", nodes(n.Params)...)
		}
		if n.Result != nil {
			b.WriteString(" -> ")
			writeS(b, n.Result)
		}
		if len(n.Where) > 0 {
			list(" where", nodes(n.Where)...)
		}
		if n.Guard != nil {
			list(" when", n.Guard)
		}
		b.WriteByte(' ')
		writeS(b, n.Body)
		b.WriteByte(')')
	case *StructDecl:
		items := []Node{n.Name}
		items = append(items, nodes(n.Options)...)
		items = append(items, nodes(n.Relations)...)
		items = append(items, nodes(n.Fields)...)
		items = append(items, n.Deriving)
		list("struct", items...)
	case *Field:
		list("::", n.Name, n.Type)
	case *SchemaOption:
		list(n.Key.Name, n.Value)
	case *Relation:
		list(n.Kind.Name, n.Name, n.Target)
	case *Deriving:
		list("deriving", nodes(n.Names)...)
	case *SumTypeDecl:
		items := []Node{n.Name}
		items = append(items, nodes(n.Variants)...)
		items = append(items, n.Deriving)
		list("sum", items...)
	case *Variant:
		list(n.Name.Name, nodes(n.Fields)...)
	case *VariantField:
		if n.Name != nil {
			list("::", n.Name, n.Type)
		} else {
			writeS(b, n.Type)
		}
	case *TypeAliasDecl:
		list("alias", n.Name, n.Type)
	case *InterfaceDecl:
		items := []Node{n.Name}
		items = append(items, nodes(n.Assoc)...)
		items = append(items, nodes(n.Methods)...)
		list("interface", items...)
	case *AssocType:
		list("type", n.Name, n.Type)
	case *ImplDecl:
		items := []Node{n.Trait}
		items = append(items, nodes(n.TraitArgs)...)
		items = append(items, n.For)
		items = append(items, nodes(n.Where)...)
		items = append(items, nodes(n.Assoc)...)
		items = append(items, nodes(n.Methods)...)
		list("impl", items...)
	case *ActorDecl:
		items := []Node{n.Name}
		items = append(items, nodes(n.Params)...)
		items = append(items, n.Body, n.Terminate)
		list("actor", items...)
	case *ServiceDecl:
		items := []Node{n.Name}
		items = append(items, nodes(n.Fns)...)
		items = append(items, nodes(n.Handlers)...)
		list("service", items...)
	case *Handler:
		head := "call"
		if n.Cast {
			head = "cast"
		}
		items := []Node{n.Name}
		items = append(items, nodes(n.Params)...)
		items = append(items, n.Reply, n.State, n.Body)
		list(head, items...)
	case *SupervisorDecl:
		items := []Node{n.Name}
		items = append(items, nodes(n.Settings)...)
		items = append(items, nodes(n.Children)...)
		list("supervisor", items...)
	case *Setting:
		list(n.Key.Name+":", n.Value)
	case *ChildSpec:
		items := []Node{n.Name}
		items = append(items, nodes(n.Settings)...)
		list("child", items...)
	case *ImportDecl:
		list("import", n.Path)
	case *FromImportDecl:
		items := []Node{n.Path}
		items = append(items, nodes(n.Names)...)
		list("from", items...)
	case *ModuleDecl:
		list("module", n.Name, n.Body)
	case *TestDecl:
		list("test", n.Label, n.Body)
	case *DescribeDecl:
		items := []Node{n.Label, n.Setup, n.Teardown}
		items = append(items, nodes(n.Tests)...)
		list("describe", items...)
	case *IntLit:
		b.WriteString(strconv.FormatInt(n.Value, 10))
	case *FloatLit:
		b.WriteString(strconv.FormatFloat(n.Value, 'g', -1, 64))
	case *BoolLit:
		w("%t", n.Value)
	case *NilLit:
		b.WriteString("nil")
	case *AtomLit:
		b.WriteString(":" + n.Name)
	case *StringLit:
		if v, ok := n.Value(); ok {
			b.WriteString(strconv.Quote(v))
			return
		}
		b.WriteString("(str")
		for _, p := range n.Parts {
			b.WriteByte(' ')
			if p.X == nil {
				b.WriteString(strconv.Quote(p.Text))
			} else {
				writeS(b, p.X)
			}
		}
		b.WriteByte(')')
	case *RegexLit:
		w("~r/%s/%s", n.Pattern, n.Flags)
	case *SelfExpr:
		b.WriteString("self")
	case *ParenExpr:
		list("paren", n.X)
	case *TupleExpr:
		list("tuple", nodes(n.Elems)...)
	case *ListLit:
		list("list", nodes(n.Elems)...)
	case *MapLit:
		list("map", nodes(n.Entries)...)
	case *MapEntry:
		list("=>", n.Key, n.Value)
	case *FieldInit:
		list(n.Name.Name+":", n.Value)
	case *StructLit:
		items := []Node{n.Type}
		items = append(items, nodes(n.Fields)...)
		list("struct-lit", items...)
	case *StructUpdate:
		items := []Node{n.Base}
		items = append(items, nodes(n.Fields)...)
		list("update", items...)
	case *JSONLit:
		list("json", nodes(n.Fields)...)
	case *UnaryExpr:
		list(n.Op.String(), n.X)
	case *BinaryExpr:
		list(n.Op.String(), n.X, n.Y)
	case *PipeExpr:
		if n.Slot == 0 {
			list("|>", n.X, n.Y)
		} else {
			list(fmt.Sprintf("|%d>", n.Slot), n.X, n.Y)
		}
	case *CallExpr:
		items := []Node{n.Fun}
		items = append(items, nodes(n.Args)...)
		items = append(items, nodes(n.KwArgs)...)
		if n.Trailing != nil {
			items = append(items, n.Trailing)
		}
		list("call", items...)
	case *SelectorExpr:
		list(".", n.X, n.Sel)
	case *IndexExpr:
		list("index", n.X, n.Index)
	case *TryExpr:
		list("?", n.X)
	case *IfExpr:
		list("if", n.Cond, n.Then, n.Else)
	case *CaseExpr:
		items := []Node{n.Subject}
		items = append(items, nodes(n.Arms)...)
		list("case", items...)
	case *Arm:
		list("->", n.Pattern, n.Guard, n.Body)
	case *ReceiveExpr:
		items := nodes(n.Arms)
		if n.After != nil {
			items = append(items, n.After, n.AfterBody)
		}
		list("receive", items...)
	case *WhileExpr:
		list("while", n.Cond, n.Body)
	case *ForExpr:
		items := nodes(n.Vars)
		items = append(items, n.Iter, n.Filter, n.Body)
		list("for", items...)
	case *BreakExpr:
		b.WriteString("break")
	case *ContinueExpr:
		b.WriteString("continue")
	case *FnExpr:
		list("fn", nodes(n.Clauses)...)
	case *FnClause:
		items := []Node{}
		items = append(items, nodes(n.Params)...)
		items = append(items, n.Guard, n.Body)
		list("clause", items...)
	case *SpawnExpr:
		list("spawn", nodes(n.Args)...)
	case *SendExpr:
		list("send", nodes(n.Args)...)
	case *LinkExpr:
		list("link", nodes(n.Args)...)
	case *SelfCall:
		b.WriteString("(self)")
	case *BadExpr:
		b.WriteString("BAD")
	case *WildcardPattern:
		b.WriteString("_")
	case *IdentPattern:
		writeS(b, n.Name)
	case *LiteralPattern:
		if n.Neg {
			b.WriteString("-")
		}
		writeS(b, n.Value)
	case *TuplePattern:
		list("tuple", nodes(n.Elems)...)
	case *CtorPattern:
		items := []Node{}
		if n.Type != nil {
			items = append(items, n.Type)
		}
		items = append(items, nodes(n.Args)...)
		list("ctor "+n.Name.Name, items...)
	case *ConsPattern:
		list("::", n.Head, n.Tail)
	case *OrPattern:
		list("|", nodes(n.Alts)...)
	case *AsPattern:
		list("as", n.Pattern, n.Name)
	case *BadPattern:
		b.WriteString("BAD")
	case *NamedType:
		if len(n.Args) == 0 {
			b.WriteString(n.Name())
			return
		}
		list(n.Name(), nodes(n.Args)...)
	case *TupleType:
		list("tuple", nodes(n.Elems)...)
	case *FunType:
		items := nodes(n.Params)
		items = append(items, n.Result)
		list("Fun", items...)
	case *OptionType:
		list("?", n.Elem)
	case *ResultType:
		list("!", n.Ok, n.Err)
	case *BadType:
		b.WriteString("BAD")
	case *Comment:
		b.WriteString("#")
	default:
		w("<%T>", n)
	}
}

func stmts(xs []Stmt) []Node { return nodes(xs) }
