// The team database's design document (sync/couchdb, docs/sync.md): its validate_doc_update run
// as CouchDB runs it, on events as the app writes them and on what it must refuse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { designDoc } from '../../sync/couchdb/design-doc.mjs';

const doc = designDoc();
// eslint-disable-next-line no-new-func
const validate = new Function(`return (${doc.validate_doc_update});`)();
const member = { name: 'ana', roles: ['recobra'] };
const admin = { name: 'admin', roles: ['_admin'] };

const event = (over = {}) => ({
  _id: '019a3c5e2a10-0000-5eed0000',
  id: '019a3c5e2a10-0000-5eed0000',
  author: 'Ana García',
  ts: 1763800000000,
  type: 'debtor.registered',
  v: 1,
  payload: { debtor: 'd-019a3c5e2a1000005eed0000', legalName: 'Peña Martínez, José', kind: 'autonomo' },
  ...over,
});
const refusal = (newDoc, oldDoc = null, user = member) => {
  try {
    validate(newDoc, oldDoc, user, {});
    return null;
  } catch (e) {
    return e.forbidden || JSON.stringify(e);
  }
};

test('the design document is _design/recobra with its validate function', () => {
  assert.equal(doc._id, '_design/recobra');
  assert.match(doc.validate_doc_update, /^function \(newDoc, oldDoc, userCtx\)/);
});

test('an event as the app writes it is accepted, as replication sends it too', () => {
  assert.equal(refusal(event()), null);
  assert.equal(refusal(event({ _rev: '1-abc', _revisions: { start: 1, ids: ['abc'] } })), null);
  assert.equal(refusal(event({ author: '😀'.repeat(200) })), null, '200 characters, 400 UTF-16 units');
});

test('an event is never changed nor deleted', () => {
  assert.match(refusal(event({ _rev: '2-b' }), event({ _rev: '1-a' })), /never changed/);
  assert.match(refusal({ _id: event()._id, _rev: '2-b', _deleted: true }, event({ _rev: '1-a' })), /never deleted/);
  // A document deleted before (by an administrator's hand) may be written again.
  assert.equal(refusal(event(), { _id: event()._id, _deleted: true }), null);
});

test('what is not a well-formed event is refused, naming the document and the field', () => {
  const cases = [
    [event({ _id: 'hello', id: 'hello' }), /hello: the id is not an event id/],
    [event({ id: '019a3c5e2a10-0000-5eed0001' }), /"id" is not the document's _id/],
    [event({ ts: -1 }), /"ts"/],
    [event({ ts: 1.5 }), /"ts"/],
    [event({ ts: '1763800000000' }), /"ts"/],
    [event({ author: 7 }), /"author" is not text/],
    [event({ author: 'a'.repeat(201) }), /longer than 200 characters/],
    [event({ type: 'DROP TABLE' }), /"type"/],
    [event({ v: 0 }), /"v"/],
    [event({ payload: null }), /"payload"/],
    [event({ payload: [1, 2] }), /"payload"/],
    [event({ extra: true }), /"extra" is not a field of an event/],
  ];
  for (const [doc, why] of cases) assert.match(refusal(doc) || 'accepted', why, JSON.stringify(doc).slice(0, 80));
});

test('only an administrator changes the design document', () => {
  assert.match(refusal({ _id: '_design/recobra', validate_doc_update: 'function () {}' }), /administrator/);
  assert.equal(refusal({ _id: '_design/recobra', validate_doc_update: 'function () {}' }, null, admin), null);
});
