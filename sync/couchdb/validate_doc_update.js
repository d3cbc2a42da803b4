// The design document's validate_doc_update (docs/sync.md): a team database holds Recobra's
// events, one document each, `_id` the event's id and the event as the body
// (docs/backup-format.md, "An event"). Events are never changed nor deleted; a document
// that is not a well-formed event is refused. The app checks every pulled event fully again
// (the same checks as a merge): this keeps a wrong writer from putting one in at all.
// ES5, for every JavaScript engine CouchDB 3 has shipped with.
function (newDoc, oldDoc, userCtx) {
  function refuse(why) {
    throw { forbidden: why };
  }
  var admin = userCtx && userCtx.roles && userCtx.roles.indexOf('_admin') !== -1;
  if (newDoc._id.indexOf('_design/') === 0) {
    if (!admin) refuse('only an administrator changes the design document');
    return;
  }
  if (newDoc._deleted) refuse('events are never deleted: ' + newDoc._id);
  if (oldDoc && !oldDoc._deleted) refuse('events are never changed: ' + newDoc._id);

  var allowed = { _id: 1, _rev: 1, _revisions: 1, id: 1, ts: 1, author: 1, type: 1, v: 1, payload: 1 };
  for (var key in newDoc) {
    if (!allowed.hasOwnProperty(key)) refuse(newDoc._id + ': "' + key + '" is not a field of an event');
  }
  if (!/^[0-9a-f]{12}-[0-9a-f]{4}-[0-9a-f]{8}$/.test(newDoc._id)) {
    refuse(newDoc._id + ': the id is not an event id (TTTTTTTTTTTT-CCCC-DDDDDDDD, lower-case hex)');
  }
  if (newDoc.id !== newDoc._id) refuse(newDoc._id + ': "id" is not the document\'s _id');
  var ts = newDoc.ts;
  if (typeof ts !== 'number' || ts % 1 !== 0 || ts < 0 || ts > 7258118400000) {
    refuse(newDoc._id + ': "ts" is not milliseconds between 1970 and 2200');
  }
  var author = newDoc.author;
  if (typeof author !== 'string') refuse(newDoc._id + ': "author" is not text');
  var characters = 0; // code points: a surrogate pair is one
  for (var i = 0; i < author.length; i++) {
    var unit = author.charCodeAt(i);
    if (unit < 0xdc00 || unit > 0xdfff) characters++;
  }
  if (characters > 200) refuse(newDoc._id + ': "author" is longer than 200 characters');
  if (typeof newDoc.type !== 'string' || !/^[a-z_]+\.[a-z_]+$/.test(newDoc.type)) {
    refuse(newDoc._id + ': "type" is not an event type');
  }
  if (typeof newDoc.v !== 'number' || newDoc.v % 1 !== 0 || newDoc.v < 1) refuse(newDoc._id + ': "v" is not a version');
  var payload = newDoc.payload;
  if (typeof payload !== 'object' || payload === null || Object.prototype.toString.call(payload) === '[object Array]') {
    refuse(newDoc._id + ': "payload" is not an object');
  }
}
