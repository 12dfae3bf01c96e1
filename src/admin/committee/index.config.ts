export default definePageConfig({ navigationBarTitleText: '管委会' })
