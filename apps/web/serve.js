// Production entry used by `npm start`: adapter-node's server, plus two duties.
import process from 'node:process';

// 1. When the parent process that launched it (the `supervise start` orchestrator) goes away, stop
//    gracefully instead of living on as an orphan.
if (process.send) {
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  // The channel must not by itself keep the server alive once it has closed.
  process.channel?.unref();
}

// 2. adapter-node assumes https when told nothing about the public origin, which makes every form
//    POST over plain http fail SvelteKit's CSRF check (and would mark the session cookie Secure).
//    Behind a TLS proxy set ORIGIN (or PROTOCOL_HEADER/HOST_HEADER); for the local demo ORIGIN
//    defaults to http://localhost:PORT, the address `npm start` prints.
if (!process.env.ORIGIN && !process.env.PROTOCOL_HEADER) {
  process.env.ORIGIN = `http://localhost:${process.env.PORT || '3000'}`;
}

// 3. Registry imports upload Excel/CSV files of several megabytes; adapter-node's default body
//    limit is 512 KB.
process.env.BODY_SIZE_LIMIT ??= '25M';

await import('./build/index.js');
