// "db/: everything that speaks SQL. Nothing else in the project does." This rule keeps that true:
// outside db/ (and bench/, which measures SQLite itself) no code prepares a statement, sets a
// pragma or executes SQL on a database. The rule works on syntax alone (the lint runs without
// type information, so it cannot ask whether a value is a Database); it therefore refuses every
// `.pragma(` call, and lets through only the two other calls that are provably not a database's:
// - `.exec(` on a regular expression: a /literal/, `new RegExp(…)`, or a name bound to one;
// - `.prepare(ctx, …)`: a method's own slow first step (core/method.ts), which takes the context,
//   where a database's prepare takes SQL.

const NAMES = new Set(['prepare', 'pragma', 'exec']);

const isRegExpValue = (node) =>
  (node?.type === 'Literal' && Boolean(node.regex)) ||
  ((node?.type === 'NewExpression' || node?.type === 'CallExpression') && node.callee.type === 'Identifier' && node.callee.name === 'RegExp');

function isRegExp(node, scope) {
  if (isRegExpValue(node)) return true;
  if (node.type !== 'Identifier') return false;
  for (let s = scope; s; s = s.upper) {
    const variable = s.set.get(node.name);
    if (!variable) continue;
    // A regular expression only when every definition of the name is one (a `const`, in practice).
    return variable.defs.length > 0 && variable.defs.every((d) => d.type === 'Variable' && d.parent.kind === 'const' && isRegExpValue(d.node.init));
  }
  return false;
}

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'All SQL lives in db/: no prepare, pragma or exec on a database elsewhere.' },
    messages: {
      sql: '`.{{name}}(` speaks SQL, and all SQL lives in db/ (db/index.ts). Add a function to the db/ module that owns these tables and call it.',
    },
    schema: [],
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = node.callee.type === 'ChainExpression' ? node.callee.expression : node.callee;
        if (callee.type !== 'MemberExpression') return;
        const name = callee.computed ? (callee.property.type === 'Literal' ? callee.property.value : undefined) : callee.property.name;
        if (!NAMES.has(name)) return;
        if (name === 'exec' && isRegExp(callee.object, context.sourceCode.getScope(node))) return;
        if (name === 'prepare' && node.arguments[0]?.type === 'Identifier' && node.arguments[0].name === 'ctx') return;
        context.report({ node, messageId: 'sql', data: { name } });
      },
    };
  },
};
