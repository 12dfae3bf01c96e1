// WeChat always tells the function who the caller is; there is no login screen.
export const LOGIN_PAGE: string | undefined = undefined
