import { z } from 'zod';
import { api, type ActionDef } from '../cloudfunctions/core/contract';
import { ERRORS } from '../cloudfunctions/core/contract/errors';

/**
 * docs/api.md, generated from the zod contract so it cannot drift: `npm run docs:api`
 * writes it, and a unit test fails when the committed file differs.
 */
function typeOf(schema: unknown): string {
  const s = schema as {
    type?: string | string[];
    enum?: unknown[];
    items?: unknown;
    properties?: Record<string, unknown>;
    required?: string[];
    anyOf?: unknown[];
    format?: string;
    minimum?: number;
    maximum?: number;
    pattern?: string;
  };
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  if (s.anyOf) return s.anyOf.map(typeOf).join(' \\| ');
  if (s.type === 'array') return `${typeOf(s.items)}[]`;
  if (s.type === 'object' && s.properties) return `{ ${fields(s).join(', ')} }`;
  if (s.type === 'integer') return 'integer';
  if (s.format === 'date-time') return 'ISO time';
  return String(s.type ?? 'unknown');
}

function fields(s: { properties?: Record<string, unknown>; required?: string[] }): string[] {
  return Object.entries(s.properties ?? {}).map(([k, v]) => `${k}${s.required?.includes(k) ? '' : '?'}: ${typeOf(v)}`);
}

export function renderApiDocs(): string {
  const out: string[] = [
    '# 益圈 function contract (generated)',
    '',
    'Generated from `cloudfunctions/core/contract` by `npm run docs:api`; do not edit by hand.',
    'Call: `{ action, input?, requestId? }` (requestId required for actions that write, made by the',
    'client before the first try and reused on retry). Answer: `{ ok: true, data }` or',
    '`{ ok: false, error: { code, message, details? } }`. Amounts are integer minutes, times are',
    'ISO-8601 with +08:00.',
    '',
  ];
  for (const [fn, actions] of Object.entries(api)) {
    out.push(`## \`${fn}\``, '', '| action | writes | input | output | |', '|---|---|---|---|---|');
    for (const [name, def] of Object.entries(actions as Record<string, ActionDef>)) {
      const input = z.toJSONSchema(def.input, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown>; required?: string[] };
      const output = z.toJSONSchema(def.output, { io: 'output', unrepresentable: 'any' }) as { properties?: Record<string, unknown>; required?: string[] };
      const inText = fields(input).join(', ') || '—';
      out.push(
        `| \`${name}\` | ${def.writes ? 'yes' : def.public ? 'no (public: no login)' : 'no'} | \`${inText}\` | \`${fields(output).join(', ')}\` | ${def.summary} |`,
      );
    }
    out.push('');
  }
  out.push('## Error codes', '', '| code | HTTP | message shown to people |', '|---|---|---|');
  for (const [code, e] of Object.entries(ERRORS)) out.push(`| \`${code}\` | ${e.status} | ${e.message} |`);
  out.push('');
  return out.join('\n');
}

if (require.main === module) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('node:fs').writeFileSync(require('node:path').join(__dirname, '..', 'docs', 'api.md'), renderApiDocs());
  console.log('docs/api.md written');
}
