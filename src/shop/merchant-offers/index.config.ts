export default definePageConfig({ enablePullDownRefresh: true, navigationBarTitleText: '本店商品' })
