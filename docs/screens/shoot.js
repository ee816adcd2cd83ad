// The screenshots of docs/screens at 1366x768: desk, board, doctor's console, display.
// With the app running in Development on a fresh database (the demo day seeds at start), and the logo uploaded:
//   cd OpdReception && ASPNETCORE_ENVIRONMENT=Development dotnet run --no-launch-profile --urls http://127.0.0.1:5391
//   curl -X PUT .../api/admin/logo -H "Authorization: Bearer <admin token>" -H "Content-Type: image/png" --data-binary @logo.png
//   OpdReception.Tests/bin/Debug/net10.0/.playwright/node/linux-x64/node docs/screens/shoot.js docs/screens
// (the Playwright driver the test build brings, and Debian's Chromium).
const { chromium } = require(require('path').resolve(__dirname, '../../OpdReception.Tests/bin/Debug/net10.0/.playwright/package'));
const base = 'http://127.0.0.1:5391';
const out = process.argv[2];
async function signIn(browser, email) {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, baseURL: base });
  const page = await ctx.newPage();
  await page.goto('/signin');
  await page.locator('[data-testid=circuit-ready]').waitFor({ state: 'attached' });
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('Demo-pass-2026');
  await page.getByTestId('signin').click();
  await page.waitForURL(u => !u.pathname.startsWith('/signin'));
  await page.locator('[data-testid=circuit-ready]').waitFor({ state: 'attached' });
  return page;
}
async function settle(page) { await page.waitForTimeout(1500); }
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const desk = await signIn(browser, 'reception@opd.local');
  await desk.goto('/reception'); await desk.locator('[data-testid=circuit-ready]').waitFor({ state: 'attached' }); await settle(desk);
  await desk.screenshot({ path: out + '/desk.png' });
  const href = await desk.locator('a[href^="/reception/board/"]').first().getAttribute('href');
  console.log('board', href);
  await desk.goto(href); await desk.locator('[data-testid=circuit-ready]').waitFor({ state: 'attached' }); await settle(desk);
  await desk.screenshot({ path: out + '/desk-board.png' });
    const doc = await signIn(browser, 'rao@opd.local');
  await settle(doc);
  await doc.screenshot({ path: out + '/doctor-console.png' });
  const tv = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, baseURL: base })).newPage();
  await tv.goto('/display'); await tv.locator('[data-testid=circuit-ready]').waitFor({ state: 'attached' }).catch(() => {}); await settle(tv);
  await tv.screenshot({ path: out + '/display.png' });
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
