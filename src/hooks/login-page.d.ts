/** Where a caller without any identity is sent: the dev login on H5; nowhere on WeChat. */
export const LOGIN_PAGE: string | undefined
