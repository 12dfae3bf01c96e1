export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '时间币兑换' })
