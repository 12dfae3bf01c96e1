import Taro from '@tarojs/taro'

/**
 * WeChat's own font size (设置 › 字体大小): fontSizeSetting is the body size in px, 17 by
 * default on iOS. We scale our text by the same factor, so every screen follows it.
 */
export function platformFontScale(): number {
  try {
    const info = Taro.getSystemInfoSync() as { fontSizeSetting?: number; fontSizeScaleFactor?: number }
    const factor = info.fontSizeScaleFactor ?? (info.fontSizeSetting ? info.fontSizeSetting / 17 : 1)
    return Math.min(2, Math.max(1, factor))
  } catch {
    return 1
  }
}
