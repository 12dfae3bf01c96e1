import Taro from '@tarojs/taro'

export const PRINT_LABEL = '保存联系卡'
/** A mini-program cannot print: a screenshot is the way to keep or print the card. */
export function printPage(): void {
  void Taro.showModal({ title: '保存联系卡', content: '请截屏保存这张卡片，再到电脑或打印店打印。', showCancel: false, confirmText: '知道了' })
}
