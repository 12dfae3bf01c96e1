export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '我的服务时长' })
