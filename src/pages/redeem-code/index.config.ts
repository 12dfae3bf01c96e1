export default definePageConfig({ navigationBarTitleText: '出示兑换码' })
