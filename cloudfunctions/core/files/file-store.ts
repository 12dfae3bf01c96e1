import fs from 'node:fs';
import path from 'node:path';
import { UPLOAD_LIMITS, type FileRef } from '../contract/files';
import type { CloudbaseApp } from '../db/app';
import { DomainError } from '../errors';

/**
 * Where photos live, behind one interface (API.md "Lists and files"): CloudBase cloud
 * storage in production (the mini-program uploads with `Taro.cloud.uploadFile` and hands us
 * the fileID), a folder under DATA_DIR locally (the gateway's `POST /files` writes it).
 * Actions only ever check fileIds and turn them into URLs to show.
 */
export interface FileStore {
  /** Facts of each file that exists: its size and type. A missing file is absent from the map. */
  facts(fileIds: string[]): Promise<Map<string, { bytes: number; type: string }>>;
  /** A URL to show each file (temporary on CloudBase, a gateway path locally). */
  urls(fileIds: string[]): Promise<Map<string, string>>;
}

/** The photos an action is given must exist and be photos of at most 5 MB (FILE.INVALID otherwise). */
export async function requirePhotos(files: FileStore, fileIds: string[] | undefined): Promise<string[]> {
  const ids = [...new Set(fileIds ?? [])];
  if (ids.length === 0) return [];
  const facts = await files.facts(ids);
  for (const id of ids) {
    const f = facts.get(id);
    if (!f) throw new DomainError('FILE.INVALID', '有照片没有上传成功，请重新上传');
    if (!(f.type in UPLOAD_LIMITS.types)) throw new DomainError('FILE.INVALID', '只能上传照片（JPG、PNG 或 WebP）');
    if (f.bytes > UPLOAD_LIMITS.maxBytes) throw new DomainError('FILE.INVALID', '照片太大了，每张不能超过 5 MB');
  }
  return ids;
}

export async function fileRefs(files: FileStore, fileIds: string[]): Promise<FileRef[]> {
  if (fileIds.length === 0) return [];
  const urls = await files.urls(fileIds);
  return fileIds.map((fileId) => ({ fileId, url: urls.get(fileId) ?? '' }));
}

// ------------------------------------------------------------------ local: a folder under DATA_DIR

export const LOCAL_PREFIX = 'local:';
const TYPE_OF_EXT: Record<string, string> = Object.fromEntries(Object.entries(UPLOAD_LIMITS.types).map(([type, ext]) => [ext, type]));

/** A local fileId's file name, or null when it is not one of ours (no path can escape the folder). */
export function localName(fileId: string): string | null {
  const m = /^local:([A-Za-z0-9_-]+\.(jpg|png|webp))$/.exec(fileId);
  return m ? m[1] : null;
}

export function localFileStore(dir: string): FileStore {
  return {
    async facts(fileIds) {
      const out = new Map<string, { bytes: number; type: string }>();
      for (const id of fileIds) {
        const name = localName(id);
        if (!name) continue;
        try {
          const st = fs.statSync(path.join(dir, name));
          out.set(id, { bytes: st.size, type: TYPE_OF_EXT[name.split('.').pop()!] });
        } catch {
          // missing: left out
        }
      }
      return out;
    },
    async urls(fileIds) {
      return new Map(fileIds.flatMap((id) => (localName(id) ? [[id, `/files/${localName(id)}`] as [string, string]] : [])));
    },
  };
}

// ------------------------------------------------------------------ CloudBase cloud storage

/** Temporary URLs last a day: long enough for a page left open, short enough not to leak for good. */
const URL_MAX_AGE_S = 24 * 3600;

export function cloudFileStore(app: CloudbaseApp): FileStore {
  const cloudIds = (ids: string[]) => ids.filter((id) => id.startsWith('cloud://'));
  return {
    async facts(fileIds) {
      const ids = cloudIds(fileIds);
      if (ids.length === 0) return new Map();
      const res = await app.getFileInfo({ fileList: ids });
      return new Map(
        res.fileList
          .filter((f) => f.code === 'SUCCESS')
          .map((f) => [f.fileID, { bytes: f.size ?? Number.MAX_SAFE_INTEGER, type: f.contentType ?? f.mime ?? '' }] as const),
      );
    },
    async urls(fileIds) {
      const ids = cloudIds(fileIds);
      if (ids.length === 0) return new Map();
      const res = await app.getTempFileURL({ fileList: ids.map((fileID) => ({ fileID, maxAge: URL_MAX_AGE_S })) });
      return new Map(res.fileList.filter((f) => f.code === 'SUCCESS').map((f) => [f.fileID, f.tempFileURL] as const));
    },
  };
}
