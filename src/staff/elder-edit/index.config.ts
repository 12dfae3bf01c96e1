export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '代管账户' })
