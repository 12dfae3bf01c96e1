export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '出示兑换码' })
