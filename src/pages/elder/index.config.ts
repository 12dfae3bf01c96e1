export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '长者' })
