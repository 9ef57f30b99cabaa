// Preloaded into a kanri child (NODE_OPTIONS=--require) by group-commit.test.ts: every COMMIT takes
// 50 ms more, so a SIGKILL lands while a batch is open, where an answer given before
// its COMMIT would be lost.
const Database = require('better-sqlite3');
const probe = new Database(':memory:');
const Statement = probe.prepare('SELECT 1').constructor;
probe.close();
const run = Statement.prototype.run;
Statement.prototype.run = function (...args) {
  if (this.source === 'COMMIT') for (const until = Date.now() + 50; Date.now() < until;);
  return run.apply(this, args);
};
