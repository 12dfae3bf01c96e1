export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '兑换记录' })
