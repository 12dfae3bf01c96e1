export default definePageConfig({ navigationBarTitleText: '微项目申请' })
