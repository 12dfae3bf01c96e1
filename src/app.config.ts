// Pages of every platform; the dev login exists only in the H5 build (API.md: dev login is
// local only and impossible in a WeChat build).
const pages = [
  'pages/home/index',
  'pages/me/index',
  'pages/register/index',
  'pages/donate-coins/index',
  'pages/activities/index',
  'pages/activity/index',
  'pages/scan/index',
  'pages/my-hours/index',
  'pages/offers/index',
  'pages/redeem-code/index',
  'pages/my-redemptions/index',
  'pages/help-post/index',
  'pages/help-list/index',
  'pages/help-detail/index',
  'pages/inbox/index',
  'pages/elder/index',
  'pages/proxy-request/index',
  'pages/projects/index',
  'pages/project/index',
  'pages/fund/index',
  'pages/pool/index',
]
// Screens only staff, merchants or the street admin open are subpackages: a volunteer's phone
// never downloads them (the main package stays well under WeChat's limit; build prints sizes).
const subPackages = [
  {
    root: 'staff',
    pages: [
      'activity-create/index',
      'qr/index',
      'attendees/index',
      'approvals/index',
      'elders/index',
      'elder-edit/index',
      'elder-card/index',
      'project-edit/index',
      'fund-record/index',
      'fund-pay/index',
      'fund-update/index',
    ],
  },
  { root: 'shop', pages: ['counter/index', 'merchant-offers/index', 'offer-edit/index'] },
  { root: 'admin', pages: ['merchants/index', 'merchant-new/index', 'committee/index'] },
]
if (process.env.TARO_ENV === 'h5') pages.push('pages/dev-login/index')

export default defineAppConfig({
  pages,
  subPackages,
  // The scan page sends the phone's position when an activity checks distance (WeChat asks first).
  // Location is the one private kind of information 益圈 uses: the privacy guide (用户隐私保护指引,
  // README "部署到云开发") declares it, and tests/weapp/release.weapp.test.ts checks the build
  // calls no other privacy API. __usePrivacyCheck__ turns WeChat's privacy consent on for every
  // base library version (it is on by default since 2023-10-17).
  permission: { 'scope.userLocation': { desc: '签到时确认您在活动现场附近' } },
  requiredPrivateInfos: ['getLocation'],
  __usePrivacyCheck__: true,
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '益圈',
    navigationBarTextStyle: 'black',
  },
})
