export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '审核时长' })
