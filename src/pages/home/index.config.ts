export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '益圈' })
