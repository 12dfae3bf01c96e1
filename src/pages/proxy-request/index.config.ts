export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '申请代持' })
