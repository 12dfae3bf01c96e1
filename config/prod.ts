import type { UserConfigExport } from '@tarojs/cli'

// In production mode Taro minifies JS with terser and CSS with csso unless
// explicitly disabled; the settings below only make that explicit.
export default {
  terser: {
    enable: true,
  },
  csso: {
    enable: true,
  },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>
