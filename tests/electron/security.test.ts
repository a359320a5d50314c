import { describe, expect, it } from 'vitest';
import {
  APP_PERMISSIONS,
  CONTENT_SECURITY_POLICY,
  hardenSession,
  hardenWebContents,
  secureWebPreferences,
} from '../../electron/main/security';
import { APP_ORIGIN, trustedOrigins } from '../../electron/main/origins';
import { fakeSession, fakeWebContents } from './fakes';

describe('secureWebPreferences', () => {
  it('turns on every isolation flag and off every Node or legacy door', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.spellcheck).toBe(false);
  });
});

describe('hardenWebContents', () => {
  const devOrigins = trustedOrigins('http://localhost:5173/');

  function hardened(origins = trustedOrigins()) {
    const fake = fakeWebContents();
    hardenWebContents(fake.contents, origins);
    return fake;
  }

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])(
    'prevents %s to another origin and allows the app’s own',
    (event) => {
      const fake = hardened();
      expect(fake.listenerCount(event)).toBe(1);
      expect(fake.emit(event, { url: 'https://example.com/phish' })).toBe(true);
      expect(fake.emit(event, { url: 'app://jiuzhu/households/1' })).toBe(false);
      expect(fake.emit(event, { url: 'APP://JIUZHU/index.html' })).toBe(false);
    },
  );

  it.each([
    'app://jiuzhu.example.com/index.html',
    'app://evil/index.html',
    'file:///etc/passwd',
    'http://localhost:5173/',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'not a url',
  ])('prevents navigation to %s when no dev server is trusted', (url) => {
    expect(hardened().emit('will-navigate', { url })).toBe(true);
  });

  it('allows the dev server’s origin only when it was passed in, and not a lookalike port', () => {
    const fake = hardened(devOrigins);
    expect(fake.emit('will-navigate', { url: 'http://localhost:5173/login' })).toBe(false);
    expect(fake.emit('will-navigate', { url: 'http://localhost:51730/' })).toBe(true);
    expect(fake.emit('will-navigate', { url: 'http://localhost:5174/' })).toBe(true);
  });

  it('denies window.open for every URL, the app’s own included', () => {
    const fake = hardened();
    expect(fake.openWindow('https://example.com/')).toEqual({ action: 'deny' });
    expect(fake.openWindow(`${APP_ORIGIN}/index.html`)).toEqual({ action: 'deny' });
  });

  it('prevents attaching a <webview>', () => {
    const fake = hardened();
    expect(fake.emit('will-attach-webview', {})).toBe(true);
  });
});

describe('hardenSession', () => {
  const appPage = 'app://jiuzhu/index.html';

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'unknown'])(
    'denies %s by default, even to the app’s own page',
    (permission) => {
      const fake = fakeSession();
      hardenSession(fake.session, { trustedOrigins: trustedOrigins() });
      expect(fake.request(permission, appPage)).toBe(false);
      expect(fake.check(permission, APP_ORIGIN)).toBe(false);
    },
  );

  it('grants the camera to the app only, and never the microphone', () => {
    const fake = fakeSession();
    hardenSession(fake.session, { trustedOrigins: trustedOrigins(), allowedPermissions: APP_PERMISSIONS });
    expect(fake.request('media', appPage, ['video'])).toBe(true);
    expect(fake.check('media', APP_ORIGIN, 'video')).toBe(true);
    expect(fake.request('media', appPage, ['video', 'audio'])).toBe(false);
    expect(fake.request('media', appPage, ['audio'])).toBe(false);
    expect(fake.request('media', appPage)).toBe(false);
    expect(fake.check('media', APP_ORIGIN, 'audio')).toBe(false);
    expect(fake.check('media', APP_ORIGIN)).toBe(false);
    expect(fake.request('media', 'https://example.com/', ['video'])).toBe(false);
    expect(fake.check('media', 'https://example.com', 'video')).toBe(false);
    expect(fake.request('geolocation', appPage)).toBe(false);
    expect(fake.check('notifications', APP_ORIGIN)).toBe(false);
  });

  it('lets the camera and photo previews work under the CSP and loads no media or image from elsewhere', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((part) => {
        const [name, ...sources] = part.trim().split(/\s+/);
        return [name!, sources] as const;
      }),
    );
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(directives.get('media-src')).toEqual(["'self'", 'blob:']);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
  });

  it('adds the Content-Security-Policy to app:// responses, replacing any other', () => {
    const fake = fakeSession();
    hardenSession(fake.session, { trustedOrigins: trustedOrigins() });
    expect(fake.headersFilter?.urls).toEqual(['app://*/*']);
    const reply = fake.receiveHeaders(appPage, {
      'content-security-policy': ["default-src *"],
      'Content-Type': ['text/html'],
    });
    const headers = reply.responseHeaders ?? {};
    const cspNames = Object.keys(headers).filter((name) => name.toLowerCase() === 'content-security-policy');
    expect(cspNames).toEqual(['Content-Security-Policy']);
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['Content-Type']).toEqual(['text/html']);
  });

  it('leaves responses from other schemes alone', () => {
    const fake = fakeSession();
    hardenSession(fake.session, { trustedOrigins: trustedOrigins() });
    expect(fake.receiveHeaders('https://sync.example.com/api/v1/pull', {})).toEqual({});
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );

  it.each([
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self' 'unsafe-inline'"],
    ['img-src', "'self' data: blob:"],
    ['connect-src', "'self' http: https:"],
    ['object-src', "'none'"],
    ['frame-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
  ])('sets %s to %s', (name, value) => {
    expect(directives.get(name)).toBe(value);
  });

  it('never allows inline or evaluated scripts', () => {
    expect(directives.get('script-src')).not.toMatch(/unsafe-inline|unsafe-eval/);
  });
});
