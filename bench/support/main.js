// How every bench runs: bounded in time, and a failure says why and exits 1 (the servers it
// started are killed on exit by servers.js).
'use strict';

/**
 * Runs main() within `minutes`; a bench that breaks prints its stack and exits 1. With `exit`, it
 * also exits when main is done (for benches that leave sockets or timers behind).
 */
function runBench(main, minutes, { exit = false } = {}) {
  setTimeout(() => { console.error('bench: time limit reached'); process.exit(2); }, minutes * 60_000).unref();
  main().then(() => exit && process.exit(0), (err) => {
    console.error(`bench failed: ${err.stack || err.message}`);
    process.exit(1);
  });
}

module.exports = { runBench };
