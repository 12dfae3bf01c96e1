export default definePageConfig({ navigationBarTitleText: '益圈' })
