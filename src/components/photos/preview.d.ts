/** Shows a photo full size, with its siblings: WeChat's previewer (preview.weapp.ts), the browser on H5 (preview.h5.ts). */
export function previewPhoto(urls: string[], current: string): void
