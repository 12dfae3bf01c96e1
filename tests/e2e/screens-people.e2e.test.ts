import { sweep, tapThen } from '../support/screens-sweep';

/**
 * The sweep of what volunteers, proxies and newcomers see: every screen, normal and 长辈模式,
 * with its dialogs and pickers open where it has them. Screenshots and a gallery page go to
 * test-artifacts/screens/.
 */
sweep([
  {
    // A shared link opened on H5 by someone who never logs in.
    userId: 'stranger',
    name: '',
    screens: [
      { name: 'project-public', route: '/pages/project/index?id=pj-deyoulin' },
      { name: 'project-closed', route: '/pages/project/index?id=pj-closed' },
      { name: 'fund-public', route: '/pages/fund/index?street=s-cym' },
      { name: 'pool-public', route: '/pages/pool/index?id=c-xinxian' },
    ],
  },
  {
    userId: 'new',
    name: '新用户',
    screens: [
      { name: 'register', route: '/pages/register/index' },
      { name: 'register-picker', route: '/pages/register/index', act: tapThen('点这里选择社区') },
    ],
  },
  {
    userId: 'u-vol-1',
    name: '刘洋',
    screens: [
      { name: 'home', route: '/pages/home/index' },
      { name: 'me', route: '/pages/me/index' },
      { name: 'activities', route: '/pages/activities/index' },
      { name: 'activity', route: '/pages/activity/index?id=a-demo-tomorrow' },
      { name: 'scan', route: '/pages/scan/index' },
      { name: 'my-hours', route: '/pages/my-hours/index' },
      { name: 'offers', route: '/pages/offers/index' },
      {
        name: 'redeem-code',
        route: '/pages/offers/index',
        act: async (page) => {
          await page
            .locator('taro-button-core', { hasText: /^兑换$/ })
            .last()
            .click();
          await page.getByTestId('redeem-digits').last().waitFor();
        },
      },
      { name: 'my-redemptions', route: '/pages/my-redemptions/index' },
      { name: 'donate-coins', route: '/pages/donate-coins/index' },
      { name: 'donate-confirm', route: '/pages/donate-coins/index', act: tapThen('捐出 1 时间币') },
      { name: 'donate-project', route: '/pages/donate-coins/index?projectId=pj-deyoulin' },
      { name: 'project-give', route: '/pages/project/index?id=pj-deyoulin' },
      { name: 'fund', route: '/pages/fund/index' },
      { name: 'help-list', route: '/pages/help-list/index' },
      { name: 'help-mine', route: '/pages/help-list/index', act: tapThen('我接的') },
      { name: 'help-detail-open', route: '/pages/help-detail/index?id=h-demo-open' },
      { name: 'help-detail-accepted', route: '/pages/help-detail/index?id=h-demo-accepted' },
      { name: 'inbox', route: '/pages/inbox/index' },
      { name: 'proxy-request', route: '/pages/proxy-request/index' },
    ],
  },
  {
    userId: 'u-proxy',
    name: '孙伟',
    screens: [
      { name: 'home', route: '/pages/home/index' },
      { name: 'scan', route: '/pages/scan/index' },
      { name: 'offers', route: '/pages/offers/index' },
      { name: 'elder', route: '/pages/elder/index?id=u-elder' },
      { name: 'help-post', route: '/pages/help-post/index?for=u-elder' },
      { name: 'help-post-form', route: '/pages/help-post/index?for=u-elder', act: async (page) => page.getByTestId('tile-shopping').last().click() },
      { name: 'help-detail-completed', route: '/pages/help-detail/index?id=h-demo-completed' },
      { name: 'help-mine', route: '/pages/help-list/index' },
      { name: 'inbox', route: '/pages/inbox/index' },
      { name: 'donate-for-elder', route: '/pages/donate-coins/index?projectId=pj-deyoulin', act: tapThen('孙桂兰') },
    ],
  },
  {
    userId: 'u-resident',
    name: '马丽',
    screens: [
      { name: 'home', route: '/pages/home/index' },
      { name: 'help-asked', route: '/pages/help-list/index' },
      { name: 'help-detail-open', route: '/pages/help-detail/index?id=h-demo-open' },
      { name: 'help-cancel-confirm', route: '/pages/help-detail/index?id=h-demo-open', act: tapThen('取消求助') },
      { name: 'help-detail-completed', route: '/pages/help-detail/index?id=h-demo-completed' },
      { name: 'help-post-form', route: '/pages/help-post/index', act: async (page) => page.getByTestId('tile-chat').last().click() },
    ],
  },
]);
