import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

// https://docs.taro.zone/docs/next/config#defineconfig-辅助函数
// CSS modules stay off on both platforms (plain class names, see src/*.css).
const cssModules = {
  enable: false,
  config: {
    namingPattern: 'module' as const,
    generateScopedName: '[name]__[local]___[hash:base64:5]',
  },
}

/**
 * The CloudBase environment the weapp calls. A WeChat build without one would call
 * `cloud.init({ env: undefined })`, i.e. whichever environment DevTools has selected, so the
 * build refuses: releases set YQ_CLOUD_ENV (`npm run deploy` does), and the builds the tests
 * load in miniprogram-simulate set YQ_WEAPP_TEST_BUILD=1 and name an environment that does
 * not exist.
 */
export const TEST_BUILD_ENV = 'yq-test-build'
function cloudEnv(): string {
  if (process.env.TARO_ENV !== 'weapp') return ''
  if (process.env.YQ_CLOUD_ENV) return process.env.YQ_CLOUD_ENV
  if (process.env.YQ_WEAPP_TEST_BUILD === '1') return TEST_BUILD_ENV
  throw new Error(
    '构建小程序需要云开发环境 ID：YQ_CLOUD_ENV=<环境ID> npm run build:weapp，或用 npm run deploy 一次完成部署。\n' +
      'A WeChat build needs YQ_CLOUD_ENV (the CloudBase environment id); `npm run deploy` sets it.',
  )
}

/** Libraries the weapp bundle includes that are published as ES2015+ (found by parsing dist/weapp as ES5). */
const MODERN_LIBRARIES = [
  (file: string) => /node_modules[\\/](zod|qrcode-generator|dayjs|@nutui|@react-spring|@use-gesture|react-transition-group)[\\/]/.test(file),
]

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'yiquan',
    // Our styles are written for a 750-wide design; NutUI's for 375.
    designWidth: (input) => (typeof input === 'object' && input?.file?.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750),
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // One output folder per platform: dist/weapp and dist/h5.
    outputRoot: `dist/${process.env.TARO_ENV}`,
    // The CLI registers @tarojs/plugin-platform-<type> for `--type weapp|h5`
    // and @tarojs/plugin-framework-react for framework 'react' by itself,
    // so nothing has to be listed here.
    plugins: [],
    defineConstants: {
      // Base URL of the HTTP API. Empty string = same origin (`/api/...`).
      'process.env.YQ_API_BASE': JSON.stringify(process.env.YQ_API_BASE || ''),
      // CloudBase environment id for Taro.cloud on weapp (see cloudEnv above).
      'process.env.YQ_CLOUD_ENV': JSON.stringify(cloudEnv()),
    },
    // The function contract (zod schemas and types) is shared with the functions.
    alias: {
      '@contract': path.resolve(__dirname, '..', 'cloudfunctions/core/contract'),
    },
    copy: {
      patterns: [],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    // Webpack persistent cache stays off (when enabled it would live in
    // node_modules/.cache/webpack, webpack's default location).
    cache: {
      enable: false,
    },
    mini: {
      // WeChat runs the bundle on the phone's own engine (old iPhones: JavaScriptCore without
      // `?.` or `??`), and project.config.json leaves DevTools' ES6→ES5 off so the upload is
      // exactly this build. So Babel takes every file to the browserslist targets (ES5): our
      // sources, the shared contract and the libraries shipped in modern syntax.
      // tests/weapp/syntax.weapp.test.ts parses dist/weapp as ES5 and fails on anything newer.
      compile: { include: [path.resolve(__dirname, '..', 'cloudfunctions/core/contract'), ...MODERN_LIBRARIES] },
      postcss: {
        pxtransform: {
          enable: true,
          config: {},
        },
        cssModules,
      },
    },
    h5: {
      compile: { include: [path.resolve(__dirname, '..', 'cloudfunctions/core/contract')] },
      publicPath: '/',
      staticDirectory: 'static',
      // Default hash router: a plain static server only needs to serve
      // index.html at '/'.
      router: {
        mode: 'hash',
      },
      // Pages are loaded when opened; what several pages share (React, Taro, NutUI, zod and the
      // contract) goes into shared chunks once instead of into every page's chunk. The build's
      // size report (scripts/bundle-sizes.ts) prints what the first screen downloads.
      webpackChain(chain) {
        chain.optimization.splitChunks({
          chunks: 'all',
          minSize: 10_000,
          maxInitialRequests: 10,
          maxAsyncRequests: 10,
          cacheGroups: {
            default: false,
            defaultVendors: false,
            framework: {
              name: 'framework',
              test: /[\\/]node_modules[\\/](react|react-dom|scheduler|@tarojs)[\\/]/,
              chunks: 'all',
              priority: 30,
              enforce: true,
            },
            nutui: {
              name: 'nutui',
              test: /[\\/]node_modules[\\/](@nutui|@react-spring|@use-gesture|classnames)[\\/]/,
              chunks: 'all',
              priority: 20,
              enforce: true,
            },
            contract: {
              name: 'contract',
              test: /[\\/](node_modules[\\/](zod|dayjs)|cloudfunctions[\\/]core[\\/]contract)[\\/]/,
              chunks: 'all',
              priority: 20,
              enforce: true,
            },
            // Reading and drawing QR codes: only the screens that scan or show one load it.
            qr: { name: 'qr', test: /[\\/]node_modules[\\/](jsqr|qrcode-generator)[\\/]/, chunks: 'async', priority: 25, enforce: true },
            shared: { name: 'shared', minChunks: 2, chunks: 'all', priority: 10, reuseExistingChunk: true },
          },
        })
      },
      // [contenthash] instead of [hash]: webpack 5 deprecates [hash].
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: {
          enable: true,
          config: {},
        },
        cssModules,
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    // Development settings. Note: Taro only skips minification for
    // `--watch` builds; a one-off `taro build` is always minified.
    return merge({}, baseConfig, devConfig)
  }
  // Production build (terser + csso minification are on by default).
  return merge({}, baseConfig, prodConfig)
})
