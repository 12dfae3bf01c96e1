export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '爱心商户' })
