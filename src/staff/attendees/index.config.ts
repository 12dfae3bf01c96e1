export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '签到名单' })
