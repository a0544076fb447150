import { runDaemon } from './daemon/main';

const [home, cluster] = process.argv.slice(2);

runDaemon(home ?? '', Number(cluster)).then(
  (code) => process.exit(code),
  (err: Error) => {
    const when = new Date().toISOString();
    process.stdout.write(`${when} daemon crashed: ${err.stack ?? err}\n`);
    process.exit(1);
  },
);
