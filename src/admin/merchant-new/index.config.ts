export default definePageConfig({ navigationBarTitleText: '登记爱心商户' })
