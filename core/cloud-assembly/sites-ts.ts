import ts from 'typescript';
import type { ParsedDocument } from '../document';
import { ClassDecl, idPattern, Site } from './site';

/** `new X(scope, 'id')`: the id argument as a literal or a pattern. */
function idOf(arg: ts.Expression): { id?: string; pattern?: RegExp } | undefined {
  if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) return { id: arg.text };
  if (ts.isTemplateExpression(arg)) {
    const pattern = idPattern([arg.head.text, ...arg.templateSpans.map((s) => s.literal.text)]);
    return pattern ? { pattern } : undefined;
  }
  return undefined;
}

/** The variable a `new` expression is assigned to (`const b = new …`, `this.b = new …`, a class field). */
function boundName(n: ts.Node, text: string, sf: ts.SourceFile): string | undefined {
  let cur = n;
  while (cur.parent && (ts.isParenthesizedExpression(cur.parent) || ts.isAsExpression(cur.parent) || ts.isNonNullExpression(cur.parent)))
    cur = cur.parent;
  const p = cur.parent;
  if (!p) return undefined;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === cur)
    return text.slice(p.left.getStart(sf), p.left.end);
  if (ts.isPropertyDeclaration(p) && ts.isIdentifier(p.name)) return `this.${p.name.text}`;
  return undefined;
}

/** Every construct instantiation and class declaration of a TypeScript source file (an explicit stack: nesting is the user's). */
export function indexTsSites(doc: ParsedDocument, handle: unknown): { sites: Site[]; classes: ClassDecl[] } | undefined {
  const sf = handle as ts.SourceFile;
  if (!sf || typeof sf.statements !== 'object' || sf.text !== doc.text) return undefined;
  const text = doc.text;
  const sites: Site[] = [];
  const classes: ClassDecl[] = [];
  const stack: { n: ts.Node; cls: string | undefined }[] = [{ n: sf, cls: undefined }];
  while (stack.length) {
    const { n, cls } = stack.pop()!;
    let inClass = cls;
    if ((ts.isClassDeclaration(n) || ts.isClassExpression(n)) && n.name) {
      inClass = n.name.text;
      const start = n.getStart(sf);
      const brace = text.indexOf('{', n.name.end);
      classes.push({ uri: doc.uri, name: inClass, start, end: n.end, headEnd: brace < 0 ? n.name.end : brace + 1 });
    } else if (ts.isNewExpression(n) && n.arguments && n.arguments.length >= 2) {
      const id = idOf(n.arguments[1]);
      if (id) {
        const scopeArg = n.arguments[0];
        sites.push({
          uri: doc.uri,
          ...id,
          cls: text.slice(n.expression.getStart(sf), n.expression.end),
          start: n.getStart(sf),
          end: n.end,
          calleeEnd: n.expression.end,
          scope: text.slice(scopeArg.getStart(sf), scopeArg.end),
          variable: boundName(n, text, sf),
          inClass,
        });
      }
    }
    const kids: ts.Node[] = [];
    ts.forEachChild(n, (c) => {
      kids.push(c);
    });
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ n: kids[i], cls: inClass });
  }
  sites.sort((a, b) => a.start - b.start);
  return { sites, classes };
}
