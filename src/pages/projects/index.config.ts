export default definePageConfig({ navigationBarTitleText: '社区微项目', enablePullDownRefresh: true })
