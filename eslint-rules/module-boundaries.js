// Lint rules that keep the server's feature modules apart (docs/ARCHITECTURE.md):
// - `module-boundaries`: code outside modules/<m>/ imports that module only through modules/<m>/index.ts;
// - `row-types`: database row types (platform/db/schema.ts) are imported only by repositories, mappers and
//   the database platform itself, so rows are mapped to domain objects in one place.
import path from 'node:path';

const SERVER_SRC = path.join('packages', 'server', 'src');

function resolved(context, source) {
  if (typeof source !== 'string' || !source.startsWith('.')) return null;
  return path.resolve(path.dirname(context.filename), source);
}

function relToSrc(file) {
  const i = file.indexOf(SERVER_SRC + path.sep);
  return i < 0 ? null : file.slice(i + SERVER_SRC.length + 1);
}

function moduleOf(rel) {
  const m = /^modules[\\/]([^\\/]+)[\\/]/.exec(rel ?? '');
  return m ? m[1] : null;
}

function importVisitors(check) {
  return {
    ImportDeclaration: (node) => check(node, node.source.value),
    ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
    ExportAllDeclaration: (node) => check(node, node.source.value),
    ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
  };
}

const moduleBoundaries = {
  meta: {
    type: 'problem',
    messages: {
      internal:
        "'{{source}}' is inside the {{module}} module: import it from that module's index.ts (export it there if others need it).",
    },
    schema: [],
  },
  create(context) {
    const from = relToSrc(context.filename);
    if (from === null) return {};
    return importVisitors((node, source) => {
      const target = resolved(context, source);
      const to = target && relToSrc(target);
      const mod = moduleOf(to);
      if (!mod || moduleOf(from) === mod) return;
      if (path.basename(to) === 'index.ts' && path.dirname(to) === path.join('modules', mod)) return;
      context.report({ node, messageId: 'internal', data: { source, module: mod } });
    });
  },
};

const rowTypes = {
  meta: {
    type: 'problem',
    messages: {
      rowTypes:
        'Database row types stay in repositories and mappers: map the row to a domain object there and import that instead.',
    },
    schema: [],
  },
  create(context) {
    const from = relToSrc(context.filename);
    if (from === null) return {};
    const base = path.basename(from);
    if (/-(repository|mapper)\.ts$/.test(base) || from.startsWith(path.join('platform', 'db') + path.sep))
      return {};
    return importVisitors((node, source) => {
      const target = resolved(context, source);
      const to = target && relToSrc(target);
      if (to === path.join('platform', 'db', 'schema.ts')) context.report({ node, messageId: 'rowTypes' });
    });
  },
};

export default { rules: { 'module-boundaries': moduleBoundaries, 'row-types': rowTypes } };
