export default definePageConfig({ navigationBarTitleText: '本店商品' })
