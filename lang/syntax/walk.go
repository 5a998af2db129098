package syntax

import (
	"fmt"
	"reflect"
)

// Visitor's Visit is called for each node by Walk. If it returns a
// non-nil visitor w, Walk visits the node's children with w and then
// calls w.Visit(nil).
type Visitor interface {
	Visit(n Node) (w Visitor)
}

// Walk traverses the tree rooted at n in depth-first source order.
// Comments are not visited (they are in File.Comments). Note that *Ident
// nodes are visited both where they are references (an Expr) and where
// they only name something (declaration names, parameters, selector and
// field names, FieldInit keys): look at the parent to tell them apart.
func Walk(v Visitor, n Node) {
	if isNil(n) {
		return
	}
	if v = v.Visit(n); v == nil {
		return
	}
	walkChildren(v, n)
	v.Visit(nil)
}

type inspector func(Node) bool

// Visit calls f and continues into the children while f returns true.
func (f inspector) Visit(n Node) Visitor {
	if f(n) {
		return f
	}
	return nil
}

// Inspect calls f for every node in depth-first order, starting with n;
// if f returns false the node's children are skipped. After the children
// of a node, f(nil) is called.
func Inspect(n Node, f func(Node) bool) { Walk(inspector(f), n) }

// isNil reports whether n is nil or a typed nil pointer (optional
// fields such as FnDecl.Cluster are nil pointers inside a Node).
func isNil(n Node) bool {
	if n == nil {
		return true
	}
	v := reflect.ValueOf(n)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

func walkList[T Node](v Visitor, list []T) {
	for _, n := range list {
		Walk(v, n)
	}
}

func walkChildren(v Visitor, n Node) {
	switch n := n.(type) {
	case *File:
		walkList(v, n.Items)
	case *Comment, *BadStmt, *BadExpr, *BadPattern, *BadType, *Ident,
		*IntLit, *FloatLit, *BoolLit, *NilLit, *AtomLit, *RegexLit, *SelfExpr,
		*BreakExpr, *ContinueExpr, *SelfCall, *WildcardPattern:
		// leaves
	case *Block:
		walkList(v, n.Stmts)
	case *ExprStmt:
		Walk(v, n.X)
	case *LetStmt:
		Walk(v, n.Pattern)
		Walk(v, n.Type)
		Walk(v, n.Value)
	case *ReturnStmt:
		Walk(v, n.Value)
	case *AssertReceiveStmt:
		Walk(v, n.Pattern)
		Walk(v, n.Timeout)
	case *ModPath:
		walkList(v, n.Parts)
	case *ClusterAttr:
		Walk(v, n.Count)
	case *Param:
		Walk(v, n.Name)
		Walk(v, n.Type)
		Walk(v, n.Pattern)
	case *Bound:
		Walk(v, n.Param)
		Walk(v, n.Trait)
	case *FnDecl:
		Walk(v, n.Cluster)
		Walk(v, n.Name)
		walkList(v, n.TypeParams)
		walkList(v, n.Params)
		Walk(v, n.Result)
		walkList(v, n.Where)
		Walk(v, n.Guard)
		Walk(v, n.Body)
	case *StructDecl:
		Walk(v, n.Name)
		walkList(v, n.TypeParams)
		walkList(v, n.Options)
		walkList(v, n.Relations)
		walkList(v, n.Fields)
		Walk(v, n.Deriving)
	case *Field:
		Walk(v, n.Name)
		Walk(v, n.Type)
	case *SchemaOption:
		Walk(v, n.Key)
		Walk(v, n.Value)
	case *Relation:
		Walk(v, n.Kind)
		Walk(v, n.Name)
		Walk(v, n.Target)
	case *Deriving:
		walkList(v, n.Names)
	case *SumTypeDecl:
		Walk(v, n.Name)
		walkList(v, n.TypeParams)
		walkList(v, n.Variants)
		Walk(v, n.Deriving)
	case *Variant:
		Walk(v, n.Name)
		walkList(v, n.Fields)
	case *VariantField:
		Walk(v, n.Name)
		Walk(v, n.Type)
	case *TypeAliasDecl:
		Walk(v, n.Name)
		walkList(v, n.TypeParams)
		Walk(v, n.Type)
	case *InterfaceDecl:
		Walk(v, n.Name)
		walkList(v, n.TypeParams)
		walkList(v, n.Assoc)
		walkList(v, n.Methods)
	case *AssocType:
		Walk(v, n.Name)
		Walk(v, n.Type)
	case *ImplDecl:
		Walk(v, n.Trait)
		walkList(v, n.TraitArgs)
		Walk(v, n.For)
		walkList(v, n.Where)
		walkList(v, n.Assoc)
		walkList(v, n.Methods)
	case *ActorDecl:
		Walk(v, n.Name)
		walkList(v, n.Params)
		Walk(v, n.Body)
		Walk(v, n.Terminate)
	case *ServiceDecl:
		Walk(v, n.Name)
		walkList(v, n.Fns)
		walkList(v, n.Handlers)
	case *Handler:
		Walk(v, n.Name)
		walkList(v, n.Params)
		Walk(v, n.Reply)
		Walk(v, n.State)
		Walk(v, n.Body)
	case *SupervisorDecl:
		Walk(v, n.Name)
		walkList(v, n.Settings)
		walkList(v, n.Children)
	case *Setting:
		Walk(v, n.Key)
		Walk(v, n.Value)
	case *ChildSpec:
		Walk(v, n.Name)
		walkList(v, n.Settings)
	case *ImportDecl:
		Walk(v, n.Path)
	case *FromImportDecl:
		Walk(v, n.Path)
		walkList(v, n.Names)
	case *ModuleDecl:
		Walk(v, n.Name)
		Walk(v, n.Body)
	case *TestDecl:
		Walk(v, n.Label)
		Walk(v, n.Body)
	case *DescribeDecl:
		Walk(v, n.Label)
		Walk(v, n.Setup)
		Walk(v, n.Teardown)
		walkList(v, n.Tests)
	case *StringLit:
		for _, p := range n.Parts {
			Walk(v, p.X)
		}
	case *ParenExpr:
		Walk(v, n.X)
	case *TupleExpr:
		walkList(v, n.Elems)
	case *ListLit:
		walkList(v, n.Elems)
	case *MapLit:
		walkList(v, n.Entries)
	case *MapEntry:
		Walk(v, n.Key)
		Walk(v, n.Value)
	case *FieldInit:
		Walk(v, n.Name)
		Walk(v, n.Value)
	case *StructLit:
		Walk(v, n.Type)
		walkList(v, n.Fields)
	case *StructUpdate:
		Walk(v, n.Base)
		walkList(v, n.Fields)
	case *JSONLit:
		walkList(v, n.Fields)
	case *UnaryExpr:
		Walk(v, n.X)
	case *BinaryExpr:
		Walk(v, n.X)
		Walk(v, n.Y)
	case *PipeExpr:
		Walk(v, n.X)
		Walk(v, n.Y)
	case *CallExpr:
		Walk(v, n.Fun)
		walkList(v, n.Args)
		walkList(v, n.KwArgs)
		Walk(v, n.Trailing)
	case *SelectorExpr:
		Walk(v, n.X)
		Walk(v, n.Sel)
	case *IndexExpr:
		Walk(v, n.X)
		Walk(v, n.Index)
	case *TryExpr:
		Walk(v, n.X)
	case *IfExpr:
		Walk(v, n.Cond)
		Walk(v, n.Then)
		Walk(v, n.Else)
	case *CaseExpr:
		Walk(v, n.Subject)
		walkList(v, n.Arms)
	case *Arm:
		Walk(v, n.Pattern)
		Walk(v, n.Guard)
		Walk(v, n.Body)
	case *ReceiveExpr:
		walkList(v, n.Arms)
		Walk(v, n.After)
		Walk(v, n.AfterBody)
	case *WhileExpr:
		Walk(v, n.Cond)
		Walk(v, n.Body)
	case *ForExpr:
		walkList(v, n.Vars)
		Walk(v, n.Iter)
		Walk(v, n.Filter)
		Walk(v, n.Body)
	case *FnExpr:
		walkList(v, n.Clauses)
	case *FnClause:
		walkList(v, n.Params)
		Walk(v, n.Guard)
		Walk(v, n.Body)
	case *SpawnExpr:
		walkList(v, n.Args)
	case *SendExpr:
		walkList(v, n.Args)
	case *LinkExpr:
		walkList(v, n.Args)
	case *IdentPattern:
		Walk(v, n.Name)
	case *LiteralPattern:
		Walk(v, n.Value)
	case *TuplePattern:
		walkList(v, n.Elems)
	case *CtorPattern:
		Walk(v, n.Type)
		Walk(v, n.Name)
		walkList(v, n.Args)
	case *ConsPattern:
		Walk(v, n.Head)
		Walk(v, n.Tail)
	case *OrPattern:
		walkList(v, n.Alts)
	case *AsPattern:
		Walk(v, n.Pattern)
		Walk(v, n.Name)
	case *NamedType:
		walkList(v, n.Path)
		walkList(v, n.Args)
	case *TupleType:
		walkList(v, n.Elems)
	case *FunType:
		walkList(v, n.Params)
		Walk(v, n.Result)
	case *OptionType:
		Walk(v, n.Elem)
	case *ResultType:
		Walk(v, n.Ok)
		Walk(v, n.Err)
	default:
		panic(fmt.Sprintf("syntax.Walk: unexpected node type %T", n))
	}
}
