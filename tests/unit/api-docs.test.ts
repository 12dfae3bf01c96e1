import fs from 'node:fs';
import path from 'node:path';
import { renderApiDocs } from '../../scripts/api-docs';

it('docs/api.md matches the zod contract (run `npm run docs:api` after changing it)', () => {
  const committed = fs.readFileSync(path.join(__dirname, '../../docs/api.md'), 'utf8');
  expect(committed).toBe(renderApiDocs());
});
