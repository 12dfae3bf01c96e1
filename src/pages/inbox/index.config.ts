export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '消息' })
