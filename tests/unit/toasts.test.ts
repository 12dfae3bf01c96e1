import fs from 'node:fs';
import path from 'node:path';

/**
 * WeChat cuts a toast's title after 7 Chinese characters (showToast with an icon), so every
 * success message a screen shows is at most 7 characters. Read from the screens' sources: a
 * new screen with a long message fails here, naming it.
 */
const SRC = path.resolve(__dirname, '../../src');

function sources(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

const toasts = sources(SRC).flatMap((file) =>
  [...fs.readFileSync(file, 'utf8').matchAll(/successToast:\s*([^\n]*)/g)].flatMap((m) =>
    [...m[1].matchAll(/'([^']*)'/g)].map((t) => ({ file: path.relative(SRC, file), text: t[1] })),
  ),
);

it('every screen that creates something says so', () => {
  const files = new Set(toasts.map((t) => t.file));
  for (const screen of [
    'pages/register/index.tsx',
    'staff/activity-create/index.tsx',
    'shop/offer-edit/index.tsx',
    'admin/merchant-new/index.tsx',
    'pages/donate-coins/index.tsx',
  ]) {
    expect([...files]).toContain(screen);
  }
});

it('every success toast is at most 7 characters', () => {
  expect(toasts.length).toBeGreaterThanOrEqual(12);
  expect(toasts.filter((t) => [...t.text].length > 7)).toEqual([]);
});
