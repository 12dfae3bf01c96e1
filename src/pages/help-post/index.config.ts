export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '求助' })
