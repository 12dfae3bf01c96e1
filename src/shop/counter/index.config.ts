export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '核销兑换码' })
