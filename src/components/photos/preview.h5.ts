/**
 * H5: the photo in a tab of its own, where the browser zooms it. Taro's H5 previewImage would
 * bring the Swiper library (about 35 KB gzipped) into the first screen's shared chunk.
 */
export function previewPhoto(_urls: string[], current: string): void {
  window.open(current, '_blank', 'noopener')
}
