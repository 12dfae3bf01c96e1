import { z } from 'zod';

/**
 * Files: evidence photos, progress photos (API.md "Lists and files"). In production they live
 * in CloudBase cloud storage and are named by its fileID (`cloud://…`); locally the gateway
 * keeps them under DATA_DIR and names them `local:<name>`. Actions take fileIds and answer a
 * `url` to show each one (a temporary URL on CloudBase).
 */
export const FileId = z
  .string()
  .max(300)
  .regex(/^(cloud:\/\/[A-Za-z0-9._\-/]+|local:[A-Za-z0-9_-]+\.(jpg|png|webp))$/, '照片编号不对，请重新上传');
export const FileRef = z.object({ fileId: z.string(), url: z.string() });
export type FileRef = z.infer<typeof FileRef>;

/** What may be uploaded: photos, at most 5 MB each (checked on the phone and again on arrival). */
export const UPLOAD_LIMITS = {
  maxBytes: 5 * 1024 * 1024,
  types: { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as Record<string, 'jpg' | 'png' | 'webp'>,
};
