import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { UPLOAD_LIMITS } from '../../cloudfunctions/core/contract/files';
import { LOCAL_PREFIX, localName } from '../../cloudfunctions/core/files/file-store';
import { sendJson } from '../emulator/server';

/**
 * Local cloud storage (API.md "Lists and files"): `POST /files` takes one photo's bytes and
 * answers its fileId; `GET /files/<name>` shows it. CloudBase storage does this in
 * production (the mini-program uploads there itself); the functions see only fileIds, through
 * files/file-store.ts.
 */

/** A photo is what its first bytes say, not what its name or header claims. */
export function sniffImageType(b: Buffer): string | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

const refuse = (res: http.ServerResponse, status: number, message: string) => sendJson(res, status, { ok: false, error: { code: 'FILE.INVALID', message } });

export async function uploadFile(dir: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Too large: the answer goes out at once and the rest of the body is not kept.
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > UPLOAD_LIMITS.maxBytes) {
      res.setHeader('connection', 'close');
      refuse(res, 413, '照片太大了，每张不能超过 5 MB');
      req.resume();
      return;
    }
    chunks.push(chunk);
  }
  const bytes = Buffer.concat(chunks);
  if (bytes.length === 0) return refuse(res, 400, '没有收到照片，请重新选择');
  const type = sniffImageType(bytes);
  if (!type) return refuse(res, 415, '只能上传照片（JPG、PNG 或 WebP）');
  const name = `${Date.now().toString(36)}${randomBytes(8).toString('hex')}.${UPLOAD_LIMITS.types[type]}`;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), bytes);
  sendJson(res, 200, { ok: true, data: { fileId: `${LOCAL_PREFIX}${name}`, url: `/files/${name}` } });
}

export function serveFile(dir: string, url: string, res: http.ServerResponse): void {
  const name = localName(`${LOCAL_PREFIX}${url.slice('/files/'.length)}`);
  const file = name ? path.join(dir, name) : null;
  if (!file || !fs.existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('没有这个文件');
    return;
  }
  const type = Object.entries(UPLOAD_LIMITS.types).find(([, ext]) => name!.endsWith(`.${ext}`))![0];
  res.writeHead(200, { 'content-type': type, 'cache-control': 'public, max-age=86400', 'x-content-type-options': 'nosniff' });
  fs.createReadStream(file).pipe(res);
}
