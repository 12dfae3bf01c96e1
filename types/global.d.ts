/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    /** Current build platform */
    TARO_ENV?: 'weapp' | 'h5'
    /** Base URL of the HTTP API; empty means same origin (`/api/...`) */
    YQ_API_BASE?: string
    /** CloudBase environment id used by Taro.cloud on weapp */
    YQ_CLOUD_ENV?: string
  }
}
