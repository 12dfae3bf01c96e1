import { buildTaro, taroBuildIsStale } from '../../local/taro-build';
import path from 'node:path';

/**
 * The real weapp build (dist/weapp) run in miniprogram-simulate: a jsdom document for
 * j-component to render into, the globals a mini-program has (`wx`, `App`, `getApp`,
 * `getCurrentPages`, `Page`; `Component` comes from miniprogram-simulate), then Taro's
 * shared chunks through app.js, then a page loaded with the official WXML compiler.
 */
export const ROOT = path.resolve(__dirname, '../..');
export const WEAPP_DIR = path.join(ROOT, 'dist/weapp');

/** WeChat's limit for a main package. */

/** Missing, or older than its sources. */
export const weappBuildIsStale = (): boolean => taroBuildIsStale('weapp');

/** Builds the weapp when it is missing or stale; says which. */
export async function ensureWeappBuild(): Promise<'found' | 'built'> {
  if (!weappBuildIsStale()) return 'found';
  buildTaro('weapp');
  return 'built';
}

/** Bytes of the main package: everything in dist/weapp but *.LICENSE.txt and project.config.json. */
export interface CallFunctionOptions {
  name: string;
  data?: Record<string, any>;
  success?(res: CallFunctionResult): void;
  fail?(err: { errMsg: string }): void;
  complete?(res: unknown): void;
}
export interface CallFunctionResult {
  result: unknown;
  errMsg: string;
  requestID: string;
}

/** What a rendered page gives a test. */
export interface RenderedPage {
  /** The j-component root (see miniprogram-simulate's render). */
  comp: any;
  /** The page's mini-program instance (`this` in onLoad). */
  instance: any;
  /** The rendered tree as HTML-ish markup (wx-view, wx-text, ...). */
  markup(): string;
  /** All rendered text. */
  text(): string;
  /**
   * Taps the button (or any element) showing exactly `label`, as WeChat delivers a tap: the
   * page's event handler, synchronously (`tapping.now` is true meanwhile).
   */
  tap(label: string): void;
}

export interface MiniProgram {
  wx: Record<string, any>;
  storage: Map<string, unknown>;
  loadPage(route: string, query?: Record<string, string>): RenderedPage;
  close(): void;
}

let booted = false;

/** Whether a tap is being handled right now (WeChat allows some APIs only then). */
export const tapping = { now: false };

/**
 * Boots the weapp once per test file (jest gives each file its own globals and module
 * registry). `callFunction` answers `wx.cloud.callFunction({ name, data })`.
 */
export function bootMiniProgram(opts: {
  callFunction(name: string, data: Record<string, any>): Promise<unknown>;
  systemInfo?: Record<string, unknown>;
  storage?: Record<string, unknown>;
  /** More of wx (e.g. requestSubscribeMessage): present before Taro snapshots wx's keys. */
  wx?: Record<string, unknown>;
}): MiniProgram {
  if (booted) throw new Error('bootMiniProgram: once per test file');
  booted = true;
  const g = globalThis as any;
  const setGlobal = (key: string, value: unknown) => {
    g[key] = value;
  };

  // 1. A DOM for exparser/j-component. It must exist before miniprogram-simulate is
  //    required: exparser decides whether it has a DOM backend when it loads.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- must load after the globals above
  const { JSDOM } = require('jsdom');
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { pretendToBeVisual: true });
  setGlobal('window', dom.window);
  setGlobal('document', dom.window.document);

  // 2. wx: the cloud and a real in-memory storage. miniprogram-simulate merges its own
  //    mocks of the rest of wx under these (Object.assign(itsApi, global.wx)) when loaded.
  //    Taro snapshots Object.keys(wx) and wx.cloud when taro.js runs, so this comes first.
  const storage = new Map<string, unknown>(Object.entries(opts.storage ?? {}));
  let requestSeq = 0;
  const cloud = {
    init(): void {},
    callFunction(o: CallFunctionOptions): Promise<CallFunctionResult> {
      const p = opts.callFunction(o.name, o.data ?? {}).then(
        (result) => ({ result, errMsg: 'cloud.callFunction:ok', requestID: `sim-${++requestSeq}` }),
        (e) => Promise.reject({ errMsg: `cloud.callFunction:fail ${e instanceof Error ? e.message : String(e)}` }),
      );
      p.then(
        (r) => {
          o.success?.(r);
          o.complete?.(r);
        },
        (e) => {
          o.fail?.(e);
          o.complete?.(e);
        },
      );
      return p;
    },
  };
  setGlobal('wx', {
    cloud,
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
    clearStorageSync: () => storage.clear(),
    ...opts.wx,
    // A phone's system info, when a test needs one (e.g. WeChat's font size setting).
    ...(opts.systemInfo
      ? {
          getSystemInfoSync: () => ({
            platform: 'ios',
            system: 'iOS 17',
            model: 'iPhone',
            language: 'zh_CN',
            version: '8.0.50',
            SDKVersion: '3.5.0',
            pixelRatio: 3,
            screenWidth: 390,
            screenHeight: 844,
            windowWidth: 390,
            windowHeight: 844,
            ...opts.systemInfo,
          }),
        }
      : {}),
  });

  // 3. miniprogram-simulate: defines global Component/Behavior and completes global wx.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- must load after the DOM exists
  const simulate = require('miniprogram-simulate');
  const wx = g.wx as Record<string, any>;

  // 4. App/getApp/getCurrentPages/Page. A page becomes a component whose lifetimes call
  //    the page's own onLoad/onShow/onReady/onUnload, as the mini-program framework does.
  let app: any;
  const pages: any[] = [];
  let loading: { route: string; query: Record<string, string> } | null = null;
  setGlobal('App', (config: any) => {
    app = config;
  });
  setGlobal('getApp', () => app);
  setGlobal('getCurrentPages', () => pages.slice());
  setGlobal('Page', (config: Record<string, any>) => {
    if (!loading) throw new Error('Page() called outside loadPage()');
    const { route, query } = loading;
    const methods: Record<string, (...args: unknown[]) => unknown> = {};
    for (const [k, v] of Object.entries(config)) if (typeof v === 'function') methods[k] = v;
    const lifecycle = (name: string, self: any, ...args: unknown[]) => methods[name]?.apply(self, args);
    g.Component({
      data: config.data ?? {},
      ...(config.behaviors ? { behaviors: config.behaviors } : {}),
      ...(config.options ? { options: config.options } : {}),
      methods,
      lifetimes: {
        attached(this: any) {
          this.route = this.__route__ = route;
          this.options = query;
          pages.push(this);
          lifecycle('onLoad', this, { ...query });
          lifecycle('onShow', this);
        },
        ready(this: any) {
          lifecycle('onReady', this);
        },
        detached(this: any) {
          lifecycle('onUnload', this);
          const i = pages.indexOf(this);
          if (i >= 0) pages.splice(i, 1);
        },
      },
    });
  });

  // 5. app.js: requires common, vendors, taro and runtime (the webpack runtime, which then
  //    runs the queued chunks), then calls App(createReactApp(...)). Launch it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the weapp build is CommonJS, loaded as WeChat loads it
  require(path.join(WEAPP_DIR, 'app.js'));
  if (!app) throw new Error('dist/weapp/app.js did not call App()');
  const launch = { path: 'pages/home/index', query: {}, scene: 1001, referrerInfo: {} };
  app.onLaunch?.call(app, launch);
  app.onShow?.call(app, launch);

  return {
    wx,
    storage,
    loadPage(route, query = {}) {
      loading = { route, query };
      let id: string;
      try {
        // Runs comp.js (Taro's recursive `comp` component) then the page's index.js.
        id = simulate.load(path.join(WEAPP_DIR, route), { compiler: 'official', rootPath: WEAPP_DIR });
      } finally {
        loading = null;
      }
      const comp = simulate.render(id);
      const parent = dom.window.document.createElement('parent-wrapper');
      dom.window.document.body.appendChild(parent);
      comp.attach(parent);
      return {
        comp,
        instance: comp.instance,
        markup: () => comp.dom.innerHTML as string,
        text: () => comp.dom.textContent as string,
        tap(label) {
          const shown = Array.from(comp.dom.querySelectorAll('*') as ArrayLike<Element>).find(
            (el) => el.children.length === 0 && el.textContent?.trim() === label,
          );
          const target = shown?.closest('wx-button') ?? shown;
          const sid = target?.getAttribute('data-sid');
          if (!sid) throw new Error(`tap: nothing shows 「${label}」`);
          const node = { id: sid, dataset: { sid } };
          tapping.now = true;
          try {
            comp.instance.eh({ type: 'tap', timeStamp: Date.now(), target: node, currentTarget: node, detail: {}, touches: [], changedTouches: [] });
          } finally {
            tapping.now = false;
          }
        },
      };
    },
    close() {
      // The globals stay: React/Taro may still have a timer queued, and jest discards this
      // file's globals with its environment anyway.
      dom.window.close();
    },
  };
}

export { until } from '../support/until';
