export default definePageConfig({ navigationBarTitleText: '捐时间币' })
