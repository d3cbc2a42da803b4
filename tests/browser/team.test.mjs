// The team (issue 28, point 4): on this device the user says which member they are; what
// they do carries that member's name as its author; the agenda's "Only mine" shows only the
// items of debtors assigned to them. Screenshots: build/test-artifacts/screenshots/team-*.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, openApp, server, screenshot, click, settle } from './harness.mjs';

const contexts = [];
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  (await server()).server.close();
});

const TODAY = '2026-11-23';

// Each debtor's assignee and the members, from the exported backup's events.
async function team(page) {
  const backup = JSON.parse(await page.evaluate(() => recobra.exportBackup()));
  const members = new Map();
  const assignee = new Map();
  const events = [...backup.events].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const e of events) {
    if (e.type === 'member.added') members.set(e.payload.member, e.payload.name);
    if (e.type === 'debtor.registered') assignee.set(e.payload.debtor, e.payload.assignee ?? '');
    if (e.type === 'debtor.assigned') assignee.set(e.payload.debtor, e.payload.member ?? '');
  }
  return { members, assignee, events };
}

test('which member I am: chosen in settings, my actions carry that name, the agenda shows only mine', async () => {
  for (const lang of ['es', 'en']) {
    const { context } = await openBrowser();
    contexts.push(context);
    const { page, problems } = await openApp(context, { query: `?today=${TODAY}&lang=${lang}` });
    await page.evaluate(() => recobra.loadDemo());
    const before = await team(page);
    assert.ok(before.members.size >= 2, 'the example data has a team');

    await page.evaluate(() => recobra.screen('settings'));
    await settle(page);
    await click(page, 'settings.me');
    await click(page, 'settings.me.0');
    await settle(page);
    const [memberId, memberName] = [...before.members.entries()][0];
    assert.ok((await page.evaluate(() => recobra.locate('settings.me'))), 'the choice is on screen');
    await screenshot(page, `team-settings-${lang}`);

    // Something done now carries the member's name.
    const debtor = [...before.assignee.keys()][0];
    const result = await page.evaluate((d) => recobra.dispatch({ type: 'addNote', debtor: d, text: 'Llamar el lunes' }), debtor);
    assert.equal(result.ok, true, JSON.stringify(result));
    const after = await team(page);
    const note = after.events.find((e) => e.type === 'note.added' && e.payload.text === 'Llamar el lunes');
    assert.equal(note.author, memberName);

    // The agenda: only the items of debtors assigned to me.
    await page.evaluate(() => recobra.screen('agenda'));
    await settle(page);
    const all = (await page.evaluate(() => recobra.uiState())).agenda;
    assert.equal(all.mineOnly, false);
    await click(page, 'agenda.mine');
    await settle(page);
    const mine = (await page.evaluate(() => recobra.uiState())).agenda;
    assert.equal(mine.mineOnly, true);
    assert.ok(mine.shown > 0 && mine.shown < all.shown, `${mine.shown} of ${all.shown} items are mine`);
    for (const item of mine.items) assert.equal(after.assignee.get(item.debtor), memberId, item.debtorName);
    const expected = all.items.filter((i) => after.assignee.get(i.debtor) === memberId).length;
    if (all.items.length === all.shown) assert.equal(mine.shown, expected);
    // Having said who I am, nobody asks my name any more.
    assert.equal(await page.evaluate(() => recobra.locate('banner.yourName')), null);
    await screenshot(page, `team-agenda-mine-${lang}`);

    assert.deepEqual(problems.pageErrors, []);
    assert.deepEqual(problems.consoleErrors.filter((e) => !/favicon|GPU stall/.test(e)), []);
  }
});

test('the debtors list: "Mine", and a filtered list reassigned in one go, all or nothing', async () => {
  const { context } = await openBrowser();
  contexts.push(context);
  const { page, problems } = await openApp(context, { query: `?today=${TODAY}&lang=es` });
  await page.evaluate(() => recobra.loadDemo());
  const before = await team(page);
  const [memberId] = [...before.members.keys()];
  await page.evaluate(() => recobra.screen('settings'));
  await settle(page);
  await click(page, 'settings.me');
  await click(page, 'settings.me.0');

  await page.evaluate(() => recobra.screen('debtors'));
  await settle(page);
  await click(page, 'debtors.assignee');
  await click(page, 'debtors.assignee.mine');
  await settle(page);
  let list = (await page.evaluate(() => recobra.uiState())).debtors;
  assert.equal(list.assignee, memberId);
  const mine = [...before.assignee.entries()].filter(([, a]) => a === memberId).map(([d]) => d).sort();
  assert.deepEqual([...list.listed].sort(), mine);
  await click(page, 'debtors.clear');

  // Over 90 days: reassigned to the second member, one event per debtor, in one write.
  await click(page, 'debtors.bucket.90_plus');
  await settle(page);
  list = (await page.evaluate(() => recobra.uiState())).debtors;
  assert.ok(list.shown >= 2, 'several debtors are over 90 days');
  await click(page, 'debtors.reassign');
  await click(page, 'debtors.reassign.1');
  await settle(page);
  await screenshot(page, 'team-reassign-confirm-es');
  // Those already the second member's are left as they are: nothing to record for them.
  const [, second] = [...before.members.keys()];
  const changed = list.listed.filter((id) => before.assignee.get(id) !== second).length;
  assert.ok(changed >= 2, 'several to reassign');
  await click(page, 'debtors.reassign.go');
  await page.waitForFunction((n) => recobra.uiState().toasts.some((t) => t.includes(`${n} deudores reasignados`)), changed);
  const after = await team(page);
  for (const id of list.listed) assert.equal(after.assignee.get(id), second, id);
  const assigned = (t) => t.events.filter((e) => e.type === 'debtor.assigned').length;
  assert.equal(assigned(after) - assigned(before), changed);
  assert.deepEqual(problems.pageErrors, []);
});
