export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '联系卡' })
