import Taro from '@tarojs/taro'

export function previewPhoto(urls: string[], current: string): void {
  void Taro.previewImage({ urls, current })
}
