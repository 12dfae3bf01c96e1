export const LOGIN_PAGE: string | undefined = '/pages/dev-login/index'
