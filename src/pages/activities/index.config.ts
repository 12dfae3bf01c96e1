export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '志愿活动' })
