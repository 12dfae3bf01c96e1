export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '活动详情' })
