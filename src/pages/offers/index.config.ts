export default definePageConfig({ navigationBarTitleText: '时间币兑换' })
