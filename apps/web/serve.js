// Production entry used by `npm start`: adapter-node's server, plus one duty: when the parent
// process that launched it (the `supervise start` orchestrator) goes away, stop gracefully
// instead of living on as an orphan.
if (process.send) {
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
await import('./build/index.js');
